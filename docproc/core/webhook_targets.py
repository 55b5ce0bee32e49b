"""Where a webhook may be delivered: https outside development, and only to public addresses.

A webhook URL is checked when it is registered and again at every delivery, and a delivery
connects to the very address that was checked (a name that resolves to a public address at
registration and to an internal one later, DNS rebinding, is refused, not followed). Numeric host
notations (``0x7f000001``, ``2130706433``, ``017700000001``, ``127.1``, ``[::ffff:127.0.0.1]``) are read
the way a socket library reads them, so none slips past as a "name". The allow-list is the
operator's explicit exception for receivers on the local or internal network.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import NamedTuple
from urllib.parse import SplitResult, urlsplit

from pydantic import BaseModel, ConfigDict

from docproc.core.errors import BlockedTarget, ConfigError, UnresolvedTarget
from docproc.core.settings import Settings

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
DEFAULT_PORTS = {"http": 80, "https": 443}
# Named for the message; every one of them is also outside the global unicast space.
METADATA = {ipaddress.ip_address("169.254.169.254"): "cloud metadata",
            ipaddress.ip_address("fd00:ec2::254"): "cloud metadata"}
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class TargetPolicy(BaseModel):
    """What webhook targets a deployment accepts."""

    model_config = ConfigDict(frozen=True)

    development: bool = False
    allow: tuple[IpNetwork, ...] = ()

    @classmethod
    def of(cls, settings: Settings) -> TargetPolicy:
        """The policy of a deployment: ``DOCPROC_ENV`` and ``DOCPROC_WEBHOOK_ALLOW`` (comma-separated CIDRs)."""
        try:
            allow = tuple(ipaddress.ip_network(part.strip(), strict=False)
                          for part in settings.webhook_allow.split(",") if part.strip())
        except ValueError as exc:
            raise ConfigError(f"DOCPROC_WEBHOOK_ALLOW: {exc} (give addresses or networks, e.g. 127.0.0.1/32)") from exc
        return cls(development=settings.development, allow=allow)


class Target(NamedTuple):
    """A checked URL: where to connect (the checked address) and what to ask for."""

    scheme: str
    host: str  # as written in the URL (sent as Host and as the TLS server name)
    port: int
    path: str
    address: str  # the checked address the connection goes to


def check(url: str, policy: TargetPolicy) -> Target:
    """The URL's target after checking its scheme and every address its host resolves to."""
    parts = _split(url)
    if parts.scheme != "https" and not policy.development:
        raise BlockedTarget(f"{_shown(url)}: webhooks are sent over https only (plain http is for development)")
    host = parts.hostname or ""
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    addresses = addresses_of(host, port)
    for address in addresses:
        reason = blocked_reason(address, policy)
        if reason:
            raise BlockedTarget(f"{_shown(url)}: the host is a {reason} address; webhooks go to public "
                                "receivers only (an operator may allow one with DOCPROC_WEBHOOK_ALLOW)")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(parts.scheme, host, port, path, str(addresses[0]))


def _split(url: str) -> SplitResult:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError as exc:
        raise BlockedTarget(f"{_shown(url)} is not a URL ({exc})") from exc
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise BlockedTarget(f"{_shown(url)} is not an http(s) URL with a host")
    if parts.username is not None or parts.password is not None:
        raise BlockedTarget(f"{_shown(url)}: a webhook URL carries no user name or password (it is signed instead)")
    return parts


def addresses_of(host: str, port: int) -> list[IpAddress]:
    """The addresses a connection to ``host`` could reach: a numeric host read as sockets read it, else DNS."""
    numeric = _numeric(host)
    if numeric is not None:
        return [numeric]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnresolvedTarget(f"the host {host[:100]!r} cannot be resolved: check the URL") from exc
    found = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not found:
        raise UnresolvedTarget(f"the host {host[:100]!r} has no address: check the URL")
    return found


def _numeric(host: str) -> IpAddress | None:
    try:
        return ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        pass
    try:  # inet_aton takes every BSD form: 0x7f000001, 2130706433, 017700000001, 127.1
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def blocked_reason(address: IpAddress, policy: TargetPolicy) -> str | None:
    """Why an address is not a webhook target (None: it may be sent to)."""
    if any(address in net for net in policy.allow if net.version == address.version):
        return None
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_v4(address)
        if embedded is not None:
            return blocked_reason(embedded, policy)
    if address in METADATA:
        return METADATA[address]
    for reason, hit in (("loopback", address.is_loopback), ("link-local", address.is_link_local),
                        ("unspecified", address.is_unspecified), ("multicast", address.is_multicast),
                        ("private", address.is_private), ("reserved", address.is_reserved)):
        if hit:
            return reason
    return None if address.is_global else "non-public"


def _embedded_v4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, Teredo client, NAT64), which is what is reached."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _shown(url: str) -> str:
    return repr(url[:200])
