"""One exception tree; each class carries its CLI exit code and HTTP status.

Translated at exactly three edges: the CLI (one line + exit code), the web/API
(problem+json) and the worker (an InputError becomes a visible document error).
A message is English; ``zh=`` gives its Chinese twin, which officers' pages in Chinese show.
"""

from __future__ import annotations


class DocprocError(Exception):
    """Base of every error docproc raises on purpose."""

    exit_code = 1
    http_status = 500
    code = "internal_error"

    def __init__(self, message: str, *, zh: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_zh = zh  # the same for Chinese pages; without it a page says it by ``code`` (web.wording)


class InputError(DocprocError):
    """The user's input cannot be processed; retrying will not help."""

    exit_code = 2
    http_status = 422
    code = "invalid_input"


class UnsupportedFileType(InputError):
    """Not a PDF, image or zip."""

    http_status = 415
    code = "unsupported_file_type"


class CorruptFile(InputError):
    """The file is damaged or not what its name says."""

    code = "corrupt_file"


class EncryptedPdf(InputError):
    """A password-protected PDF."""

    code = "encrypted_pdf"


class EmptyFile(InputError):
    """A 0-byte file."""

    code = "empty_file"


class TooManyPages(InputError):
    """More pages than the configured limit."""

    code = "too_many_pages"


class DecompressionBomb(InputError):
    """An image or archive that expands past the configured limit."""

    code = "decompression_bomb"


class UnsafeArchive(InputError):
    """A zip with path-traversal names, links or too many members."""

    code = "unsafe_archive"


class ImageTooSmall(InputError):
    """An image or page too small (or too thin) to hold a readable document."""

    code = "image_too_small"


class PageTooLarge(InputError):
    """A PDF page so large that no legible render fits the pixel limit."""

    code = "page_too_large"


class BlockedTarget(InputError):
    """A webhook URL that is not https, or points at an address docproc must not send to."""

    code = "webhook_target_blocked"


class UnresolvedTarget(BlockedTarget):
    """A webhook host name that does not resolve (now)."""

    code = "webhook_target_unresolved"


class TooLarge(InputError):
    """An upload over the size limit."""

    http_status = 413
    code = "too_large"


class UnknownProfile(InputError):
    """A profile name the policy does not define."""

    code = "unknown_profile"


class ConfigError(DocprocError):
    """Settings or policy are wrong; fix the configuration."""

    exit_code = 3
    code = "config_error"


class NotFoundError(DocprocError):
    """No such application, file or document."""

    exit_code = 4
    http_status = 404
    code = "not_found"


class ForbiddenError(DocprocError):
    """The caller may not see or change this."""

    exit_code = 5
    http_status = 403
    code = "forbidden"


class StorageFull(DocprocError):
    """The data volume is (nearly) full: nothing more is stored until space is freed."""

    http_status = 507
    code = "storage_full"


class TransientError(DocprocError):
    """A failure worth retrying (OCR timeout, lost connection)."""

    code = "transient"


class QueueUnavailable(TransientError):
    """The job queue (Redis) does not answer; stored files wait for it and are queued when it is back."""

    http_status = 503
    code = "queue_unavailable"


class StorageUnavailable(TransientError):
    """The object store does not answer (or refuses the credentials); worth retrying once it is back."""

    http_status = 503
    code = "storage_unavailable"


class DatabaseUnavailable(TransientError):
    """The database does not answer (down, unreachable, or refusing the credentials)."""

    http_status = 503
    code = "database_unavailable"
