"""The officers' page in Chinese and English: a small key → (zh, en) table and the current language."""

from __future__ import annotations

from flask import Blueprint, Flask, redirect, request, session
from werkzeug.wrappers import Response

from web.csrf import safe_path
from web.i18n_letter import LETTER_TEXT
from web.i18n_page import PAGE_TEXT
from web.i18n_reasons import REASON_TEXT
from web.i18n_reminders import TEXT as REMINDER_TEXT

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

TEXT: dict[str, tuple[str, str]] = {
    # chrome
    "app_name": ("按揭材料预审", "Home-loan pre-review"),
    "applications": ("申请列表", "Applications"),
    "new_application": ("新建申请", "New application"),
    "users": ("用户", "Users"),
    "api_keys": ("API 密钥", "API keys"),
    "policy": ("预审规则", "Policy"),
    "sign_in": ("登录", "Sign in"),
    "sign_out": ("退出", "Sign out"),
    "username": ("用户名", "Username"),
    "password": ("密码", "Password"),
    "bad_login": ("用户名或密码错误，或账户已停用。", "Wrong username or password, or the account is disabled."),
    "too_many_logins": ("登录失败次数过多，请 {minutes} 分钟后再试。",
                        "Too many failed sign-ins: try again in {minutes} minute(s)."),
    "signed_out": ("您已退出。", "You have signed out."),
    "switch_lang": ("English", "中文"),
    "branch": ("网点", "Branch"),
    "role": ("角色", "Role"),
    "role_officer": ("按揭专员", "Officer"),
    "role_supervisor": ("主管", "Supervisor"),
    "role_admin": ("管理员", "Administrator"),
    # list
    "search": ("搜索", "Search"),
    "search_placeholder": ("姓名或证件号（如后四位）", "Name or ID number (e.g. last 4 digits)"),
    "all_statuses": ("全部状态", "All statuses"),
    "newest_first": ("最新在前", "Newest first"),
    "oldest_first": ("最早在前", "Oldest first"),
    "only_mine": ("只看我的", "Only mine"),
    "applicant": ("申请人", "Applicant"),
    "id_number": ("证件号", "ID number"),
    "profile": ("客户类型", "Profile"),
    "application_date": ("申请日期", "Application date"),
    "loan_amount": ("贷款金额（元）", "Loan amount (CNY)"),
    "status": ("状态", "Status"),
    "files": ("文件", "Files"),
    "officer": ("经办人", "Officer"),
    "reviewed": ("已复核", "Reviewed"),
    "not_reviewed": ("未复核", "Not reviewed"),
    "no_applications": ("还没有申请。点击“新建申请”，拖入客户材料即可开始预审。",
                        "No applications yet. Choose “New application” and drop the customer's files to start."),
    "no_matches": ("没有符合条件的申请。", "No application matches these filters."),
    "clear_filters": ("清除筛选", "Clear filters"),
    "unnamed": ("（待识别）", "(not read yet)"),
    "previous": ("上一页", "Previous"),
    "next": ("下一页", "Next"),
    # statuses
    "st_ready": ("可进入审批", "Ready"),
    "st_needs_supplement": ("需补件", "Needs supplement"),
    "st_flagged": ("异常待查", "Flagged"),
    "st_processing": ("处理中", "Processing"),
    "st_empty": ("待上传", "No files yet"),
    "it_pass": ("通过", "Pass"),
    "it_fail": ("不通过", "Fail"),
    "it_missing": ("缺失", "Missing"),
    "it_review": ("待人工确认", "Review"),
    "it_not_applicable": ("不适用", "N/A"),
    "fs_waiting": ("待上传", "Waiting"),
    "fs_uploading": ("上传中", "Uploading"),
    "fs_received": ("已接收", "Received"),
    "fs_queued": ("排队中", "Queued"),
    "fs_reading": ("识别中", "Reading"),
    "fs_checking": ("核查中", "Checking"),
    "fs_done": ("完成", "Done"),
    "fs_error": ("错误", "Error"),
    "cat_completeness": ("完整性", "Completeness"),
    "cat_stamp": ("印章", "Stamps"),
    "cat_freshness": ("时效", "Freshness"),
    "cat_anomaly": ("异常", "Anomalies"),
    # new / upload
    "create_and_upload": ("创建并上传", "Create and upload"),
    "optional": ("可选", "optional"),
    "applicant_name": ("申请人姓名", "Applicant name"),
    "drop_here": ("把文件拖到这里：图片、PDF、压缩包，或整套材料的扫描 PDF",
                  "Drop files here: images, PDFs, a zip, or one scanned PDF of the whole bundle"),
    "or_choose": ("或点击选择文件", "or click to choose files"),
    "add_files": ("补充文件", "Add files"),
    "no_files": ("还没有文件。把客户材料拖到上方区域。", "No files yet. Drop the customer's files above."),
    "upload_failed": ("上传失败", "Upload failed"),
    "from_bundle": ("来自", "from"),
    "download": ("下载原件", "Download original"),
    "reprocess": ("重新处理", "Reprocess"),
    "reprocess_all": ("全部重新处理", "Reprocess all"),
    "reprocess_queued": ("已重新排队处理。", "Queued for reprocessing."),
    # checklist
    "checklist": ("材料预审清单", "Pre-review checklist"),
    "overall": ("总体结论", "Overall"),
    "checklist_pending": ("文件处理完成后，这里会显示预审清单。", "The checklist appears here once the files are read."),
    "show_na": ("显示不适用项", "Show items that do not apply"),
    "reasons": ("原因", "Reasons"),
    "evidence": ("证据", "Evidence"),
    "no_evidence": ("无页面证据（例如缺少该材料）。", "No page evidence (e.g. the document is missing)."),
    "open_page": ("查看整页", "Open full page"),
    "machine": ("系统判定", "Machine verdict"),
    "holds_status": ("待人工确认后方可进入审批", "Holds the status: not ready until an officer looks"),
    "override": ("人工更正", "Override"),
    "override_by": ("人工更正", "Overridden by"),
    "comment": ("说明（必填）", "Comment (required)"),
    "comment_required": ("更正必须填写说明。", "An override needs a comment."),
    "save": ("保存", "Save"),
    "mark_reviewed": ("标记为已复核", "Mark reviewed"),
    "reviewed_by": ("复核人", "Reviewed by"),
    "supplement": ("补件清单", "Supplement request"),
    "print": ("打印", "Print"),
    "file_errors": ("无法读取的文件", "Files that could not be read"),
    "documents": ("识别出的材料", "Documents found"),
    "field": ("字段", "Field"),
    "value": ("值", "Value"),
    "confidence": ("置信度", "Confidence"),
    "seals": ("印章", "Seals"),
    "page": ("页", "Page"),
    "back": ("返回", "Back"),
    "reassign": ("转交给", "Reassign to"),
    "reassigned": ("已转交。", "Reassigned."),
    "policy_version": ("规则版本", "Policy version"),
    "no_items": ("该类别暂无核查项。", "No checks in this category yet."),
    "app_no": ("申请编号", "Application no."),
    # supplement page
    "supp_intro": ("尊敬的客户：经初步审核，您的按揭申请材料尚需补充以下内容，请携带至网点办理。",
                   "Dear customer: after a first review, your home-loan application still needs the following. "
                   "Please bring them to the branch."),
    "supp_none": ("材料齐全，无需补件。", "The file is complete: nothing to bring."),
    "supp_item": ("需补材料", "What to bring"),
    "supp_why": ("原因", "Why"),
    "supp_footer": ("如有疑问，请联系您的按揭专员。", "If you have questions, contact your loan officer."),
    "date": ("日期", "Date"),
    # admin
    "add_user": ("新增用户", "Add user"),
    "active": ("启用", "Active"),
    "disabled": ("已停用", "Disabled"),
    "disable": ("停用", "Disable"),
    "enable": ("启用", "Enable"),
    "user_saved": ("已保存。", "Saved."),
    "no_api_keys": ("尚无 API 密钥。用 `docproc keys` 命令创建。", "No API keys yet. Create them with `docproc keys`."),
    "api_keys_note": ("只读视图：密钥本身从不显示，仅显示前缀。", "Read-only: keys are never shown, only their prefix."),
    "key_name": ("名称", "Name"),
    "key_prefix": ("前缀", "Prefix"),
    "created": ("创建", "Created"),
    "last_used": ("最近使用", "Last used"),
    "revoked": ("已吊销", "Revoked"),
    "audit_log": ("审计日志", "Audit log"),
    "audit_note": ("谁在何时查看、下载、改判或导出了什么（最早的在前；`docproc admin audit-export` 导出全部）。",
                   "Who viewed, downloaded, overrode or exported what, and when (oldest first; "
                   "`docproc admin audit-export` exports it all)."),
    "audit_when": ("时间", "When"),
    "audit_actor": ("操作人", "Who"),
    "audit_action": ("操作", "Action"),
    "audit_target": ("对象", "What"),
    "audit_application": ("申请", "Application"),
    "audit_more": ("更多", "More"),
    "audit_empty": ("尚无审计记录。", "No audit events yet."),
    "required_documents": ("必备材料", "Required documents"),
    "freshness_windows": ("时效要求（天）", "Freshness windows (days)"),
    # errors
    "err_title": ("出错了", "Something went wrong"),
    "err_400": ("请求无效或页面已过期，请返回重试。", "The request was invalid or the page expired: go back and try again."),
    "err_403": ("您无权查看此页面或文件。", "You are not allowed to see this page or file."),
    "err_404": ("找不到该页面或记录。", "This page or record does not exist."),
    "err_413": ("文件太大。", "The file is too large."),
    "err_500": ("系统出错，已记录，请稍后重试。", "An unexpected error occurred; it has been logged. Try again later."),
    "go_home": ("返回申请列表", "Back to applications"),
}
TEXT.update(REASON_TEXT)
TEXT.update(PAGE_TEXT)  # the page layout's entries (web/i18n_page.py)
TEXT.update(LETTER_TEXT)
TEXT.update(REMINDER_TEXT)


def current_lang() -> str:
    """The language of this request: the session's choice, else ?lang=, else Chinese."""
    lang = request.args.get("lang") or session.get("lang") or DEFAULT_LANG
    return lang if lang in LANGS else DEFAULT_LANG


def translate(key: str, lang: str | None = None) -> str:
    """The text for ``key`` in ``lang`` (the key itself when the table has no entry)."""
    pair = TEXT.get(key)
    if pair is None:
        return key
    return pair[LANGS.index(lang or current_lang())]


def pick(title: object, lang: str | None = None) -> str:
    """The zh or en attribute of a bilingual Title (or dict)."""
    name = lang or current_lang()
    if isinstance(title, dict):
        return str(title.get(name, ""))
    return str(getattr(title, name, title))


TEXT.update(__import__("web.i18n_undo", fromlist=["TEXT"]).TEXT)  # undo controls (web/i18n_undo.py)

bp = Blueprint("i18n", __name__)


@bp.get("/lang/<lang>")
def switch(lang: str) -> Response:
    """Remember the language and go back where the officer was."""
    if lang in LANGS:
        session["lang"] = lang
    return redirect(safe_path(request.args.get("next")))


def init_app(app: Flask) -> None:
    """Template helpers ``_``, ``pick`` and ``lang``; the switch route."""
    app.register_blueprint(bp)
    app.jinja_env.globals.update({"_": translate, "translate": translate, "pick": pick})

    @app.context_processor
    def helpers() -> dict[str, object]:
        return {"lang": current_lang()}
