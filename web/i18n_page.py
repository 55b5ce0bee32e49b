"""Catalogue entries of the officers' page layout (exceptions first, files, reviewed mark, viewer, hand-over,
keyboard use, administration), merged into :data:`web.i18n.TEXT`: key → (zh, en)."""

from __future__ import annotations

PAGE_TEXT: dict[str, tuple[str, str]] = {
    # exceptions first
    "exceptions": ("需处理", "Needs attention"),
    "exceptions_none": ("没有不通过、缺失或待确认的核查项。", "Nothing failed, is missing or needs review."),
    "passes_folded": ("项通过", "passed"),
    "add_files_short": ("补充文件", "Add files"),
    "skip_to_content": ("跳到正文", "Skip to content"),
    "unreadable_files": ("个文件无法读取", "file(s) could not be read"),
    "choose_verdict": ("请选择更正后的结论。", "Choose a verdict."),
    # files list
    "doc_id_card": ("身份证", "ID card"),
    "doc_income_proof": ("收入证明", "Income proof"),
    "doc_bank_statement": ("银行流水", "Bank statement"),
    "doc_purchase_contract": ("购房合同", "Purchase contract"),
    "doc_tax_certificate": ("完税证明", "Tax certificate"),
    "doc_business_license": ("营业执照", "Business licence"),
    "doc_credit_report": ("个人信用报告", "Credit report"),
    "doc_unknown": ("未识别的材料", "Unrecognised document"),
    "side_front": ("人像面", "photo side"),
    "side_back": ("国徽面", "emblem side"),
    "pages_n": ("{n}页", "{n} page(s)"),
    "thumbnail": ("缩略图", "Thumbnail"),
    # reviewed mark
    "review_comment": ("复核说明", "Review note"),
    "review_comment_hint": ("仍有缺失材料时必填：说明为何仍可复核", "Required while documents are missing: say why"),
    "review_needs_comment": ("仍有 {n} 项缺失或无法读取，标记复核前请在说明中写明原因。",
                             "{n} item(s) are still missing or unreadable: write why before marking reviewed."),
    "review_stale": ("已过期：复核后新的清单改变了结果", "Stale: a newer checklist changed the result"),
    "undo_reviewed": ("撤销复核", "Undo review"),
    "review_undone": ("已撤销复核标记。", "The reviewed mark was withdrawn."),
    "reviewed_done": ("已标记为已复核。", "Marked reviewed."),
    # page viewer
    "zoom_in": ("放大", "Zoom in"),
    "zoom_out": ("缩小", "Zoom out"),
    "zoom_fit": ("适合宽度", "Fit width"),
    "rotate": ("旋转", "Rotate"),
    "pages": ("页面", "Pages"),
    # hand-over
    "assignee": ("经办人", "In charge"),
    "choose_officer": ("选择专员…", "Choose an officer…"),
    "reassigned_to": ("已转交给 {name}。", "Handed over to {name}."),
    "choose_assignee": ("请选择要转交的专员。", "Choose the officer to hand it to."),
    # administration
    "save_user": ("保存", "Save"),
    "new_password": ("新密码（留空不改）", "New password (blank keeps it)"),
    "confirm_disable": ("确定停用用户 {name} 吗？其所有登录将立即失效。",
                        "Disable {name}? Every session of this user ends at once."),
    "branches": ("网点", "Branches"),
    "add_branch": ("新增网点", "Add branch"),
    "branch_saved": ("网点已保存。", "Branch saved."),
    "branch_name": ("网点代码", "Branch code"),
    "password_too_short": ("密码至少 {n} 个字符。", "A password needs at least {n} characters."),
    "choose_role": ("请选择角色。", "Choose a role."),
    "choose_branch": ("请从网点列表中选择。", "Choose a branch from the list."),
    "user_actions": ("操作", "Actions"),
}
