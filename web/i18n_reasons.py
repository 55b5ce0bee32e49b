"""Catalogue entries for what the checks and the reading say on the officers' page: errors by code,
form messages, seal colours and shapes (merged into web.i18n.TEXT)."""

from __future__ import annotations

# A stored file error is English (its message) with a code; a Chinese page says it by its code.
ERROR_TEXT: dict[str, tuple[str, str]] = {
    "ec_unsupported_file_type": ("不支持的文件类型：请上传 PDF、图片或压缩包",
                                 "This kind of file cannot be read: upload a PDF, an image or a zip"),
    "ec_corrupt_file": ("文件已损坏或无法打开，请重新上传", "The file is damaged or cannot be opened: upload it again"),
    "ec_encrypted_pdf": ("PDF 设有密码，请上传未加密的副本", "The PDF is password-protected: upload an unprotected copy"),
    "ec_empty_file": ("文件为空（0 字节），请重新上传", "The file is empty: upload it again"),
    "ec_too_many_pages": ("PDF 页数超过上限，请拆分后上传", "The PDF has too many pages: split it"),
    "ec_decompression_bomb": ("图片或压缩包解压后过大，请上传较小的扫描件", "The image or zip expands too far: upload a smaller scan"),
    "ec_unsafe_archive": ("压缩包不安全或无法打开（路径异常、链接或文件过多），请直接上传文件",
                          "The zip is unsafe or cannot be opened: upload the files themselves"),
    "ec_image_too_small": ("图片太小，无法看清材料，请重新拍照或扫描", "The image is too small to read: photograph or scan it again"),
    "ec_page_too_large": ("页面尺寸过大，无法显示，请重新扫描", "The page is too large to show: scan it again"),
    "ec_too_large": ("文件超过大小上限", "The file is over the size limit"),
    "ec_unknown_profile": ("未知的客户类型", "Unknown profile"),
    "ec_invalid_input": ("输入有误，请检查后重试", "The input cannot be used: check it and try again"),
    "ec_invalid_fields": ("输入有误，请检查后重试", "The input cannot be used: check it and try again"),
    "ec_no_file": ("没有收到文件", "No file was sent"),
    "ec_processing_failed": ("文件多次处理失败，请重新处理或重新上传", "The file could not be processed: reprocess it or upload it again"),
    "ec_transient": ("文件暂时无法处理，请稍后重新处理", "The file could not be processed for now: reprocess it later"),
    "ec_error": ("文件无法读取，请重新上传", "The file could not be read: upload it again"),
    "ec_forbidden": ("您无权进行此操作", "You are not allowed to do this"),
    "ec_not_found": ("找不到该记录", "This record does not exist"),
}

FORM_TEXT: dict[str, tuple[str, str]] = {
    "fe_profile": ("请选择客户类型", "Choose a profile"),
    "fe_date": ("日期格式为 年-月-日（如 2026-11-20）", "A date like 2026-11-20"),
    "fe_amount": ("请输入正数金额", "A positive amount"),
    "fe_verdict": ("请选择核查结论", "Choose a verdict"),
    "fe_own_account": ("不能停用自己的账户", "You cannot disable your own account"),
    "fe_assignee": ("只能转交给本网点在职的专员", "An application can only go to an active officer of its own branch"),
}

SEAL_TEXT: dict[str, tuple[str, str]] = {
    "color_red": ("红色", "red"),
    "color_blue": ("蓝色", "blue"),
    "color_black": ("黑色", "black"),
    "shape_round": ("圆形", "round"),
    "shape_oval": ("椭圆形", "oval"),
    "shape_square": ("方形", "square"),
}

POLICY_TEXT: dict[str, tuple[str, str]] = {
    "months": ("个月", "months"),
    "applicant_is_legal_rep": ("申请人须为法定代表人", "the applicant is the legal representative"),
}

AUDIT_TEXT: dict[str, tuple[str, str]] = {
    "au_view": ("查看", "view"),
    "au_download": ("下载", "download"),
    "au_override": ("人工更正", "override"),
    "au_export": ("导出", "export"),
    "au_purge": ("清除", "purge"),
    "au_rotate_key": ("更换密钥", "rotate key"),
    "at_application": ("申请", "application"),
    "at_page": ("页面", "page"),
    "at_file": ("文件", "file"),
    "at_checklist_item": ("核查项", "checklist item"),
    "at_checklist": ("预审清单", "checklist"),
    "at_document": ("材料", "document"),
    "at_data": ("数据", "data"),
    "at_audit_log": ("审计日志", "audit log"),
}

REASON_TEXT: dict[str, tuple[str, str]] = {**ERROR_TEXT, **FORM_TEXT, **SEAL_TEXT, **POLICY_TEXT, **AUDIT_TEXT}
