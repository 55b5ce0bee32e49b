"""Personal data masked in every log line: id numbers, phone and account numbers, labelled names and
the values of query strings (searches by name or id number end up in the access log).

Installed once per process as a log-record factory, so it covers every logger (ours, the web
server's access log, rq's) and every handler, including the text of logged exceptions.
"""

from __future__ import annotations

import logging
import re
from typing import Any

# Query parameters whose values never carry personal data (paging, sorting, display choices).
SAFE_QUERY_KEYS = frozenset({
    "page", "status", "sort", "mine", "lang", "doc_lang", "unit", "box", "limit", "cursor", "profile",
    "branch", "created_after", "created_before", "state", "format", "since", "until", "action",
})
_EDGE = r"(?:(?<![0-9A-Za-z_])|(?<=%[0-9A-Fa-f]{2}))"  # a %-escape before the digits is an edge too
_END = r"(?![0-9A-Za-z_])"
_ID_NUMBER = re.compile(_EDGE + r"(\d{3})\d{11}(\d{3}[\dXx])" + _END)
_PHONE = re.compile(r"(?<![0-9A-Za-z_*])(?:\+?86[ -]?)?(1[3-9]\d)[ -]?\d{4}[ -]?(\d{4})" + _END)
_GROUPED_DIGITS = re.compile(_EDGE + r"\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,4})?" + _END)
_LONG_DIGITS = re.compile(_EDGE + r"\d{12,19}" + _END)
_LABELLED_NAME = re.compile(
    r"(?<![A-Za-z_])(姓名|户名|申请人|借款人|收款人|name|applicant_name|account_name|holder)"
    r"([\"']?\s*[:=：]\s*[\"']?)([^\s\"',;，。；&)]{1,40})",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-])[\w.+-]*@([\w-]+(?:\.[\w-]+)+)")
_QUERY_PAIR = re.compile(r"([?&])([^=&\s\"#?]+)=([^&\s\"#]*)")


def _keep_last_four(match: re.Match[str]) -> str:
    text = match.group(0)
    cut = [i for i, ch in enumerate(text) if ch.isdigit()][-4]
    return re.sub(r"\d", "*", text[:cut]) + text[cut:]


def _query_value(match: re.Match[str]) -> str:
    sep, key, value = match.groups()
    if key.lower() in SAFE_QUERY_KEYS or not value:
        return match.group(0)
    return f"{sep}{key}=***"


def _name(match: re.Match[str]) -> str:
    label, sep, value = match.groups()
    return f"{label}{sep}{value[0]}{'*' * min(len(value) - 1, 3) or '*'}"


def mask_personal_data(text: str) -> str:
    """``text`` with id numbers (110***********1234), phones (138****5678), account numbers (last four
    kept), e-mail addresses (z***@example.com), labelled names (张**) and query-string values (q=***) masked."""
    text = _QUERY_PAIR.sub(_query_value, text)
    text = _ID_NUMBER.sub(lambda m: m.group(1) + "*" * 11 + m.group(2), text)
    text = _GROUPED_DIGITS.sub(_keep_last_four, text)
    text = _LONG_DIGITS.sub(_keep_last_four, text)
    text = _PHONE.sub(lambda m: m.group(1) + "****" + m.group(2), text)
    text = _EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", text)
    return _LABELLED_NAME.sub(_name, text)


def mask_mobile(number: str | None) -> str | None:
    """A mobile number as lists show it: 138****5678 (the first three and last four digits)."""
    if not number:
        return number
    digits = re.sub(r"\D", "", number)
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return digits[:3] + "****" + digits[-4:] if len(digits) >= 8 else "****"


def mask_email(address: str | None) -> str | None:
    """An e-mail address as lists show it: z***@example.com."""
    if not address:
        return address
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


_TRACEBACKS = logging.Formatter()


def install_log_masking() -> None:
    """Mask personal data in every log record this process makes from now on (idempotent)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "masks_personal_data", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string: keep what logging would show
            message = str(record.msg)
        record.msg, record.args = mask_personal_data(message), ()
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = mask_personal_data(_TRACEBACKS.formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = mask_personal_data(record.stack_info)
        return record

    factory.masks_personal_data = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)
