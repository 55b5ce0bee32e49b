"""Catalogue entries of the undo controls (exclude/restore a file, correct the facts, duplicates, the typed name)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # files
    "fs_excluded": ("已排除", "Excluded"),
    "fs_duplicate": ("重复文件", "Duplicate"),
    "exclude_file": ("排除出核查", "Exclude from checks"),
    "restore_file": ("恢复核查", "Restore"),
    "exclude_confirm": ("排除后该文件仍会保留，但不参与核查，也不会出现在补件清单中。",
                        "The file is kept but leaves the checks and the supplement request."),
    "file_excluded": ("已将“{name}”排除出核查，核查清单已重新计算。", "“{name}” is excluded from the checks; the checklist was recomputed."),
    "file_restored": ("已恢复“{name}”参与核查，核查清单已重新计算。", "“{name}” is back in the checks; the checklist was recomputed."),
    "excluded_by": ("排除人", "Excluded by"),
    "duplicate_of": ("与已上传的“{name}”内容完全相同：已保留，不重复计入。",
                     "The same file as “{name}”, already uploaded: kept, not counted twice."),
    # facts
    "facts": ("申请信息", "Application facts"),
    "edit_facts": ("修改申请信息", "Edit application facts"),
    "applicant_id_number": ("证件号", "ID number"),
    "fact_comment": ("修改原因（选填）", "Why (optional)"),
    "save_facts": ("保存并重新核查", "Save and re-check"),
    "facts_saved": ("申请信息已修改，核查清单已重新计算。", "The facts were changed and the checklist recomputed."),
    "facts_unchanged": ("申请信息没有变化。", "Nothing changed."),
    "facts_history": ("修改记录", "History"),
    "no_fact_changes": ("暂无修改记录。", "No changes yet."),
    "changed_when": ("时间", "When"),
    "changed_by": ("修改人", "By"),
    "changed_field": ("项目", "Field"),
    "changed_from": ("原值", "Old"),
    "changed_to": ("新值", "New"),
    "fact_invalid_applicant_name": ("最多 100 个字符", "at most 100 characters"),
    "fact_invalid_applicant_id_number": ("请填写 18 位身份证号（末位可为 X）", "an 18-character id number (the last may be X)"),
    "fact_invalid_loan_amount": ("请填写不小于 0 的金额", "an amount of 0 or more"),
    "fact_invalid_profile": ("请选择一种客户类型", "choose a profile"),
    "fact_invalid_application_date": ("日期格式为 YYYY-MM-DD", "a date like 2026-11-20"),
    "fact_invalid_comment": ("最多 2000 个字符", "at most 2000 characters"),
    "comment": ("说明", "Comment"),
    # the typed name beside the card's
    "typed_as": ("录入为", "typed as"),
    # the first minute
    "demo_credentials": ("演示账户：用户名 {username}，密码 {password}", "Demo account: username {username}, password {password}"),
}
