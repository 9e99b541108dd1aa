#!/usr/bin/env bash
# The full test run (`npm run test:all`): unit + integration, the browser tests, then the fault suite.
# Browser tests need Debian's Chromium and CJK fonts; on a fresh machine (as root) they are installed here, because
# Playwright's own browser download cannot reach its servers from these machines.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "WenQuanYi Zen Hei"; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk fonts-wqy-zenhei >/dev/null
  else
    echo "The browser tests need Chromium and CJK fonts: sudo apt-get install chromium fonts-noto-cjk fonts-wqy-zenhei" >&2
    exit 1
  fi
fi

npm test
npm run test:e2e
npm run test:faults
