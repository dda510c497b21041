// mbcheck drives the system Chromium: never let an install try to download a browser.
module.exports = { skipDownload: true };
