from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/docxread.py

SAMPLE_2019 = ROOT / "inputs" / "2019.toml"
SEED = (
    ROOT / "tests" / "data" / "seed" / "2019-yinzhou-statistics-bureau.txt"
)  # the published seed report, kept in the repo

# The six headings and where the three tables stand (format-spec §3.2), both formats.
OUTLINE = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "table",
    "三、收到和处理政府信息公开申请情况",
    "table",
    "四、政府信息公开行政复议、行政诉讼情况",
    "table",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) 未安装：apt-get install libreoffice-writer-nogui（scripts/test 会安装）",
)


def libreoffice_pdf(docx: Path, tmp_path: Path) -> Path:
    """``docx`` opened by LibreOffice headless and converted to PDF (reportgen's own converter)."""
    from reportgen.render import pdf

    out = tmp_path / docx.with_suffix(".pdf").name
    out.write_bytes(pdf.convert([docx.read_bytes()])[0])
    return out


@pytest.fixture
def sample_2019(tmp_path: Path) -> Path:
    """A private copy of the 2019 sample input, safe to edit."""
    path = tmp_path / "2019.toml"
    shutil.copy(SAMPLE_2019, path)
    return path


# -- a real browser: headless Chromium through selenium (test_preview, test_page) --------------

BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
    "--lang=zh-CN",
)


def chromium() -> tuple[str, str]:
    """The Chromium and chromedriver binaries, or skip (fail where REPORTGEN_REQUIRE_BROWSER is set)."""
    problem = ""
    try:
        import selenium  # noqa: F401
    except ImportError:
        problem = "selenium is not installed (pip install -e '.[test]')"
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not problem and not (browser and driver):
        problem = "Chromium or chromedriver is not installed (apt-get install chromium chromium-driver)"
    if problem:
        if os.environ.get("REPORTGEN_REQUIRE_BROWSER"):
            pytest.fail(problem)
        pytest.skip(problem)
    return browser, driver  # type: ignore[return-value]


@pytest.fixture
def browser(tmp_path: Path):
    binary, driver_path = chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in BROWSER_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
