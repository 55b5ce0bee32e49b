"""Reminder channels, registered by name: e-mail over SMTP, SMS through an HTTP gateway, a phone-call task.

Each factory builds its channel from the settings, or gives None when the deployment has not configured it
(no ``DOCPROC_SMTP_HOST``, no ``DOCPROC_SMS_URL``). A channel that cannot deliver raises ``ChannelError`` with a
short reason that names no secret and masks personal data; the runner logs it and retries later.

SMS gateway contract (README, "Supplement reminders"): a signed POST (``docproc.service.signed_http``) of
``{"to": "+8613812345678", "message": "...", "reference": "<reminder id>"}``; any 2xx answer is accepted.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

from docproc.core.log_masking import mask_email, mask_mobile, mask_personal_data
from docproc.core.models import Application
from docproc.core.registry import Registry
from docproc.core.settings import Settings
from docproc.service.signed_http import Provider, ProviderError, post_json


class ChannelError(Exception):
    """A reminder that could not be handed over (short reason, no secrets, personal data masked)."""


@dataclass(frozen=True)
class Message:
    """What a reminder says."""

    reminder_id: str
    subject: str
    text: str


class Channel(Protocol):
    """A way to reach the customer (or the officer, for a phone call)."""

    @property
    def name(self) -> str:
        """The registry key, as in the policy's ``reminders.channels`` and the log."""
        ...

    @property
    def delivers(self) -> bool:
        """False for a task someone else performs (the phone call): it is opened, not sent."""
        ...

    def recipient(self, application: Application) -> str | None:
        """The application's address for this channel, or None (then nothing is sent on it)."""
        ...

    def masked(self, recipient: str) -> str:
        """The recipient as the log and lists show it."""
        ...

    def send(self, message: Message, recipient: str) -> None:
        """Hand the message over; ChannelError when that fails."""
        ...


@dataclass(frozen=True)
class EmailChannel:
    """E-mail through an SMTP server (stdlib smtplib; STARTTLS and login when configured)."""

    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 10.0
    name: str = "email"
    delivers: bool = True

    def __repr__(self) -> str:
        return f"EmailChannel(host={self.host!r}, port={self.port})"

    def recipient(self, application: Application) -> str | None:
        return application.contact_email or None

    def masked(self, recipient: str) -> str:
        return mask_email(recipient) or ""

    def send(self, message: Message, recipient: str) -> None:
        mail = EmailMessage()
        mail["From"], mail["To"], mail["Subject"] = self.sender, recipient, message.subject
        mail["X-Docproc-Reminder"] = message.reminder_id
        mail.set_content(message.text)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.password or "")
                smtp.send_message(mail)
        except (smtplib.SMTPException, OSError) as exc:
            raise ChannelError(f"SMTP {type(exc).__name__}: {mask_personal_data(str(exc))[:160]}") from None


@dataclass(frozen=True)
class SmsChannel:
    """SMS through the configured gateway (signed HTTP POST)."""

    provider: Provider
    name: str = "sms"
    delivers: bool = True

    def recipient(self, application: Application) -> str | None:
        return application.contact_mobile or None

    def masked(self, recipient: str) -> str:
        return mask_mobile(recipient) or ""

    def send(self, message: Message, recipient: str) -> None:
        try:
            status, _ = post_json(self.provider, {"to": recipient, "message": message.text,
                                                  "reference": message.reminder_id})
        except ProviderError as exc:
            raise ChannelError(f"SMS gateway: {exc}") from None
        if not 200 <= status < 300:
            raise ChannelError(f"SMS gateway: HTTP {status}")


@dataclass(frozen=True)
class PhoneTask:
    """A task on the officers' page: call the customer (the second half of 短信+电话 reminders)."""

    name: str = "phone"
    delivers: bool = False

    def recipient(self, application: Application) -> str | None:
        return application.contact_mobile or None

    def masked(self, recipient: str) -> str:
        return mask_mobile(recipient) or ""

    def send(self, message: Message, recipient: str) -> None:
        return None  # nothing leaves docproc: the task is the log row the officer closes


CHANNELS: Registry[Callable[[Settings], Channel | None]] = Registry("reminder channel")


@CHANNELS.decorator("email")
def _email(settings: Settings) -> Channel | None:
    if not settings.smtp_host:
        return None
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    return EmailChannel(settings.smtp_host, settings.smtp_port, settings.smtp_from, settings.smtp_user, password,
                        settings.smtp_starttls, settings.smtp_timeout)


@CHANNELS.decorator("sms")
def _sms(settings: Settings) -> Channel | None:
    if not settings.sms_url:
        return None
    secret = settings.sms_secret.get_secret_value() if settings.sms_secret else ""
    return SmsChannel(Provider(settings.sms_url, settings.sms_key_id, secret, settings.sms_timeout))


@CHANNELS.decorator("phone")
def _phone(settings: Settings) -> Channel | None:
    return PhoneTask()


def configured(settings: Settings, names: tuple[str, ...]) -> list[Channel]:
    """The channels the policy names that this deployment has configured, in the policy's order."""
    built = [CHANNELS.get(name)(settings) for name in names]
    return [c for c in built if c is not None]
