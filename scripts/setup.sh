#!/usr/bin/env bash
# Sets mbcheck up on a fresh machine: the system packages the report needs (Debian's chromium, and poppler-utils
# for the report tests) when they are missing, then the npm packages and the build. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Puppeteer never downloads a browser here: mbcheck drives the system Chromium.
export PUPPETEER_SKIP_DOWNLOAD=true

missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
# The report inlines its Latin fonts; Chinese, Japanese and Korean names fall back to the system's CJK font.
if command -v fc-list >/dev/null 2>&1; then fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk); else missing+=(fonts-noto-cjk); fi
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1; }; then
    as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo)
    echo "setup: installing ${missing[*]} from the distribution's packages"
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install ${missing[*]} with your package manager (or set PUPPETEER_EXECUTABLE_PATH to a Chromium or Chrome)" >&2
    exit 1
  fi
fi

npm ci --no-audit --no-fund
npm run build
