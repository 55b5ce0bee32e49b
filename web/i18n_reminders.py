"""The reminders panel's texts (key → (zh, en)), merged into ``web.i18n.TEXT``."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "reminders": ("补件提醒", "Supplement reminders"),
    "contact": ("客户联系方式", "Customer contact"),
    "contact_mobile": ("手机", "Mobile"),
    "contact_email": ("电子邮箱", "E-mail"),
    "no_contact": ("未登记联系方式：无法提醒客户。", "No contact on file: the customer cannot be reminded."),
    "waiting_since": ("等待补件自", "Waiting for papers since"),
    "not_waiting": ("当前无需补件。", "No papers are awaited."),
    "phone_tasks": ("待拨打电话", "Phone calls to make"),
    "no_phone_tasks": ("没有待拨打的电话。", "No phone calls to make."),
    "call_customer": ("请致电客户催缴第 {n} 次", "Call the customer: reminder {n}"),
    "call_note": ("通话结果", "What the call settled"),
    "call_done": ("已致电", "Called"),
    "reminder_log": ("提醒记录", "Reminder log"),
    "no_reminders": ("尚未发送提醒。", "No reminders yet."),
    "ch_email": ("邮件", "E-mail"),
    "ch_sms": ("短信", "SMS"),
    "ch_phone": ("电话", "Phone"),
    "rs_sent": ("已发送", "sent"),
    "rs_failed": ("失败，将重试", "failed, will retry"),
    "rs_gave_up": ("多次失败，已放弃", "gave up after repeated failures"),
    "rs_open": ("待处理", "to do"),
    "rs_done": ("已完成", "done"),
    "attempt_n": ("第 {n} 次尝试", "attempt {n}"),
}
