#!/usr/bin/env bash
# System packages the test suite needs on a fresh Debian machine (run as root; idempotent):
# Chromium + a Chinese font for browser tests, PostgreSQL 15 for the PostgreSQL run,
# LibreOffice (no GUI) + poppler for the ledger → PDF check.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'WenQuanYi Micro Hei' || need+=(fonts-wqy-microhei)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "== apt-get install ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
