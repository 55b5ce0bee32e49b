"""Settings, built once at an entry point (CLI, web app, worker) and passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Deployment configuration; ``DOCPROC_`` prefix, plus ``REDIS_URL`` and ``DATABASE_URL``."""

    model_config = SettingsConfigDict(env_prefix="DOCPROC_", frozen=True, extra="ignore", populate_by_name=True)

    data_dir: Path = Path("./var")
    redis_url: str | None = Field(
        default=None, validation_alias=AliasChoices("REDIS_URL", "DOCPROC_REDIS_URL")
    )
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "DOCPROC_DATABASE_URL")
    )
    policy_file: Path | None = None
    letter_file: Path | None = None  # supplement letter templates per branch (TOML); unset: the shipped one
    ocr_engine: str = "rapidocr"
    ocr_timeout: float = 120.0
    ocr_memo: bool = False  # remember OCR answers by image under data_dir/ocr-memo
    render_dpi: int = 200
    max_upload_bytes: int = 100 * 1024 * 1024
    max_pages: int = 300
    max_image_pixels: int = 60_000_000
    max_render_pixels: int = 16_000_000  # a PDF page renders at a lower dpi rather than past this
    min_render_dpi: int = 50  # below this a page is refused as too large to read
    min_image_side: int = 32  # px: smaller images and page renders are refused
    max_aspect_ratio: int = 25  # long side / short side of an image or page
    zip_max_members: int = 500
    zip_max_total_bytes: int = 500 * 1024 * 1024
    zip_max_ratio: int = 200
    upload_quota_bytes: int = 200 * 1024 * 1024  # one upload as stored: the files, a zip and its members
    application_quota_bytes: int = 1024 * 1024 * 1024  # everything stored for one application
    job_timeout: int = 900
    job_retries: int = 3
    job_retry_intervals: list[int] = [5, 30, 120]
    queue_name: str = "docproc"
    # Supervision: the reconciler's period, how often it re-queues a file whose job vanished before the
    # file shows an error, and how long a worker's heartbeat counts as live (/readyz).
    reconcile_interval: float = 15.0
    reconcile_max_requeues: int = 3
    worker_heartbeat_ttl: int = 30
    # Uploads are refused (507) when the data directory's volume has less free space than this.
    min_free_bytes: int = 100 * 1024 * 1024
    # "development" allows a generated local secret key, cookies without the Secure flag and plain-http webhooks.
    env: Literal["production", "development"] = "production"
    webhook_allow: str = ""  # comma-separated addresses/networks webhooks may reach though not public
    secret_key: str | None = None
    secret_key_file: Path | None = None
    secure_cookie: bool | None = None  # None: Secure outside development
    trust_proxy: int = 0  # how many proxies in front set X-Forwarded-For/-Proto/-Host
    session_hours: float = 12.0
    login_limit_account: str = "20 per 15 minutes"  # failed sign-ins per username, from anywhere
    login_limit_address: str = "30 per 15 minutes"  # failed sign-ins per client address, any username
    login_limit_pair: str = "5 per 5 minutes"  # failed sign-ins per username from one address
    # Operations (docproc serve under gunicorn, /metrics, log lines): web processes and threads per process
    # (0: cores, at most 4); a token that opens /metrics from anywhere (without one, loopback only); text or JSON logs.
    web_workers: int = 0
    web_threads: int = 4
    metrics_token: SecretStr | None = None
    log_format: Literal["text", "json"] = "text"

    @property
    def development(self) -> bool:
        """Whether this is a developer's machine (DOCPROC_ENV=development)."""
        return self.env == "development"

    @property
    def cookie_secure(self) -> bool:
        """Whether session cookies carry the Secure flag."""
        return self.secure_cookie if self.secure_cookie is not None else not self.development
    # Data keys (url-safe base64, 32 bytes; newest first, comma-separated) for sealing stored files and
    # personal fields; or a file holding them one per line. Neither: a development key under data_dir.
    data_key: SecretStr | None = None
    data_key_file: Path | None = None
    # Where originals and page renders live: unset, the local directory data_dir/blobs; s3://bucket/prefix,
    # any S3-compatible object store (endpoint, region and credentials from the standard AWS_* variables).
    storage_url: str | None = None
    # Threads one worker gives OCR (onnxruntime, OpenCV, tesseract); unset: the host's cores divided by
    # the docproc worker processes on it (DOCPROC_WORKER_PROCESSES, else counted), at least 1.
    ocr_threads: int | None = Field(default=None, ge=1)
    worker_processes: int | None = Field(default=None, ge=1)
    # A PDF of at least this many pages, read through the queue, is split into jobs of ``fanout_chunk_pages``
    # pages each, so that every worker reads a part; extraction and the checks run once all parts are read.
    # 0: never split. A smaller file is one job (the split costs each part a process and an engine load).
    fanout_pages: int = Field(default=8, ge=0)
    fanout_chunk_pages: int = Field(default=4, ge=1)

    # Third-party tax verification (anomaly.tax_verified; contract in the README): unset URL, the check is
    # not_applicable. Requests are signed with the key id and secret (HMAC-SHA256).
    tax_verify_url: str | None = None
    tax_verify_key_id: str = ""
    tax_verify_secret: SecretStr | None = None
    tax_verify_timeout: float = 10.0
    # Supplement reminders (docproc reminders run-due): e-mail over SMTP and SMS through an HTTP gateway; a
    # channel without its host or URL is off. The gateway request is signed like the tax verification's.
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_from: str = "docproc@localhost"
    smtp_timeout: float = 10.0
    sms_url: str | None = None
    sms_key_id: str = ""
    sms_secret: SecretStr | None = None
    sms_timeout: float = 10.0

    @property
    def blob_dir(self) -> Path:
        """Where content-addressed blobs live."""
        return self.data_dir / "blobs"

    @property
    def sqlite_path(self) -> Path:
        """The SQLite file used when no DATABASE_URL is set."""
        return (self.data_dir / "docproc.sqlite3").resolve()

    @property
    def ocr_memo_dir(self) -> Path:
        """Where remembered OCR answers live (when ``ocr_memo`` is on)."""
        return self.data_dir / "ocr-memo"

    @property
    def db_url(self) -> str:
        """SQLAlchemy URL: DATABASE_URL, else SQLite under the data directory."""
        if self.database_url:
            url = self.database_url
            if url.startswith("postgres://"):
                url = "postgresql://" + url[len("postgres://") :]
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg2://" + url[len("postgresql://") :]
            return url
        return f"sqlite:///{self.sqlite_path}"
