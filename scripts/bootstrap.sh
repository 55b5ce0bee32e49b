#!/usr/bin/env bash
# Install the system packages pip cannot: tesseract with Chinese models, CJK fonts (also the TrueType
# faces the sample generator embeds), redis-server, LibreOffice Writer (tests export office-authored PDFs).
# Idempotent: installs only what is missing. Needs root (or sudo) on Debian/Ubuntu.
set -euo pipefail

packages=(tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra tesseract-ocr-eng
          fonts-noto-cjk fonts-wqy-microhei fonts-droid-fallback fonts-liberation fonts-dejavu-core
          redis-server libreoffice-writer-nogui)
if [[ "${DOCPROC_BROWSER_TESTS:-1}" == "1" ]]; then
  packages+=(chromium)
fi
# docker-compose validates compose.yaml in the tests (no daemon needed); skipped when Docker's own
# `docker compose` plugin is there.
if ! command -v docker-compose >/dev/null 2>&1 && ! docker compose version >/dev/null 2>&1; then
  packages+=(docker-compose)
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "bootstrap: system packages already installed"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "bootstrap: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "bootstrap: done"
