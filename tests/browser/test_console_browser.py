"""The county console in a real browser: Debian's Chromium driven by Selenium (the system's
chromium and chromedriver: nothing is downloaded) against a real uvicorn on loopback, with a
demo village's store that enrols and syncs over HTTP as a village laptop does.

A county monitor signs in, enrols the laptop from the screen, sees its month arrive, opens the
village and a household, publishes next month's prompts and a problem list, sees them taken
and closed after the laptop's next sync, and revokes the laptop; a township reviewer sees only
their township's village; the admin reads the access log.

Screenshots of every page go to $ZHUCUN_CONSOLE_SCREENSHOTS (docs/console for the README),
or to the test's temporary folder."""
from __future__ import annotations

import base64
import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
if not (CHROMIUM.exists() and DRIVER.exists()):
    pytest.skip("Debian's chromium and chromium-driver are not installed (scripts/setup.sh installs them)",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e .[test])")
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from app.demo.build import build_demo  # noqa: E402
from app.services import households, review_signoff, sync, worklog  # noqa: E402
from app.storage.store import Store  # noqa: E402
from county_server import county as cty  # noqa: E402
from county_server import db, keys, users  # noqa: E402
from county_server.api import create_app  # noqa: E402
from tests.support.stores import FAST_KDF  # noqa: E402
from tests.support.xlsform import form_file  # noqa: E402

PASSWORD = "county monitor pass"
PASSPHRASE = "passphrase1"


@pytest.fixture
def county_url(tmp_path, monkeypatch):
    """A county on embedded SQLite, served by uvicorn on a loopback port."""
    import uvicorn
    key = tmp_path / "county.key"
    keys.new_key_file(key)
    monkeypatch.setenv(keys.KEY_FILE_ENV, str(key))
    url = f"sqlite:///{tmp_path / 'county.db'}"
    engine = db.make_engine(url)
    cty.init_county(engine, "正安县")
    users.add_user(engine, "monitor", "monitor", PASSWORD)
    users.add_user(engine, "admin", "admin", PASSWORD)
    users.add_user(engine, "anchang", "township", PASSWORD, "安场镇")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(url), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(1200):   # up to a minute on a busy machine
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", engine
    server.should_exit = True
    thread.join(10)
    sock.close()
    engine.dispose()


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN",
                "--window-size=1366,768", "--force-device-scale-factor=1", "--no-first-run"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=str(DRIVER)), options=options)
    driver.implicitly_wait(20)   # a busy machine: pages wait for the server, never a timed assert
    yield driver
    driver.quit()


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("ZHUCUN_CONSOLE_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)

    def shoot(driver, name: str, full: bool = True):
        errors = _console_errors(driver)
        assert not errors, errors
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 1366, f"{name}: the page is {width} px wide, wider than a 1366×768 screen"
        height = driver.execute_script("return document.documentElement.scrollHeight") if full else 768
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": 1366, "height": max(768, min(height, 2400)), "deviceScaleFactor": 1, "mobile": False})
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        (folder / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))
    return shoot


def _console_errors(driver) -> list[str]:
    """What the browser refused (a CSP violation, a missing asset)."""
    try:
        return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    except Exception:   # a driver without logs
        return []


def sign_in(driver, base: str, name: str):
    driver.get(f"{base}/login")
    driver.find_element(By.NAME, "username").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
    driver.find_element(By.CSS_SELECTOR, "form.who")     # signed in


def sign_out(driver):
    driver.find_element(By.CSS_SELECTOR, "form.who button").click()
    driver.find_element(By.NAME, "username")


def notice(driver, text: str) -> None:
    """Wait for the page after a submit to show `text` in its notice. The page before may still
    be showing its own notice, which goes stale when the new page replaces it."""
    WebDriverWait(driver, 20, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(
        lambda d: text in d.find_element(By.CSS_SELECTOR, ".notice").text)


def fill(driver, fields: dict):
    for name, value in fields.items():
        element = driver.find_element(By.ID, name)
        element.clear()
        element.send_keys(value)


def test_a_county_monitor_in_the_browser(county_url, browser, shots, tmp_path):
    base, engine = county_url
    demo = build_demo(tmp_path / "village", PASSPHRASE, 40, seed=3, kdf_params=FAST_KDF)
    other = build_demo(tmp_path / "other", PASSPHRASE, 12, seed=5, kdf_params=FAST_KDF)

    # Not signed in: the console sends the browser to the login page.
    browser.get(f"{base}/")
    assert "/login" in browser.current_url
    shots(browser, "login")
    sign_in(browser, base, "monitor")
    shots(browser, "overview-empty")

    # Enrol the demo village's laptop from the screen.
    browser.find_element(By.PARTIAL_LINK_TEXT, "设备").click()
    fill(browser, {"village": "自强村", "township": "安场镇"})
    browser.find_element(By.CSS_SELECTOR, "form[action='/devices/enrol'] button").click()
    code = browser.find_element(By.CSS_SELECTOR, ".code").text.strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert browser.find_element(By.CSS_SELECTOR, ".sheet svg").size["width"] > 100
    shots(browser, "enrolment-sheet")
    other_code = cty.new_code(engine, "新华村", "城关镇", base)["code"]

    store = Store.open(Path(demo["data"]), PASSPHRASE)
    other_store = Store.open(Path(other["data"]), PASSPHRASE)
    try:
        sync.enroll(store, base, code)
        sync.enroll(other_store, base, other_code)
        # A person of 自强村 registered in 新华村 too: what only the county can see.
        person = store.query("SELECT name, id_number FROM members WHERE relation = 'head' AND id_number IS NOT NULL"
                             " ORDER BY id_number LIMIT 1")[0]
        moved = households.add_household(other_store, {"head_name": person["name"], "village": "新华村"})
        households.add_member(other_store, moved["id"], {"name": person["name"], "relation": "head",
                                                         "id_number": person["id_number"]})
        first = sync.sync(store)
        review_signoff.approve(other_store)    # 新华村's leader approves the household it added
        sync.sync(other_store)
        assert first["accepted"] > 100 and first["rejected"] == 0

        # The month arrived: the overview counts it.
        browser.get(f"{base}/")
        row = browser.find_element(By.XPATH, "//tr[th/a[text()='自强村']]")
        cells = [td.text for td in row.find_elements(By.TAG_NAME, "td")]
        assert cells[0] == "安场镇" and cells[5] == "40"
        shots(browser, "overview")

        # A village and a household.
        row.find_element(By.LINK_TEXT, "自强村").click()
        assert browser.find_element(By.TAG_NAME, "h1").text.startswith("自强村")
        shots(browser, "village")
        browser.find_element(By.XPATH, "//tr[td[text()='监测户']]/th/a").click()   # one with a case
        assert "家庭成员" in browser.page_source and "帮扶" in browser.page_source
        shots(browser, "household")

        # Next month's prompts and a problem list, published signed.
        browser.get(f"{base}/publications")
        fill(browser, {"p-title": "2026年12月驻村工作提示", "p-village": "自强村",
                       "p-tasks": "走访全部监测户 | 2026-12-20\n核对脱贫户收入 | 2026-12-25"})
        assert browser.find_element(By.ID, "p-month").get_attribute("value") == "2026-12"   # next month
        browser.find_element(By.CSS_SELECTOR, "form[action='/publications/prompts'] button").click()
        notice(browser, "已发布工作提示")
        number = store.query("SELECT number FROM households WHERE deleted = 0 ORDER BY number LIMIT 1")[0]["number"]
        fill(browser, {"q-title": "县级核查问题（11月）", "q-village": "自强村",
                       "q-items": f"{number} | 收入核算缺少务工收入 | 补录务工收入 | 张鑫斌 | 2026-12-15"})
        browser.find_element(By.CSS_SELECTOR, "form[action='/publications/problems'] button").click()
        notice(browser, "已发布问题清单")

        # A form version and a county edit of a household, from the forms and tables page; the
        # village changes the same household's phone before its next sync.
        browser.get(f"{base}/publications/tables")
        browser.find_element(By.ID, "f-file").send_keys(str(form_file(tmp_path)))
        browser.find_element(By.CSS_SELECTOR, "form[action='/publications/form/preview'] button").click()
        assert "外出务工月数" in browser.find_element(By.TAG_NAME, "tbody").text
        shots(browser, "form-preview")
        browser.find_element(By.CSS_SELECTOR, "form[action='/publications/form'] button").click()
        notice(browser, "已发布表单 labour_check")
        edited = store.query("SELECT id FROM households WHERE deleted = 0 ORDER BY number LIMIT 1")[0]["id"]
        fill(browser, {"r-id": edited, "r-changes": "phone=13922222222"})
        browser.find_element(By.CSS_SELECTOR, "form[action='/publications/roster'] button").click()
        notice(browser, "已修改 phone")
        households.update_household(store, edited, {"phone": "13811111111"})
        review_signoff.approve(store)          # the demo village reviews: the leader approves the change

        # The laptop pulls them, closes the problem, does a task, and syncs again.
        sync.sync(store)
        prompt = [p for p in worklog.prompts_for_month(store, "2026-12") if p["title"] == "2026年12月驻村工作提示"]
        assert len(prompt) == 1 and len(prompt[0]["tasks"]) == 2
        [plist] = [p for p in worklog.problem_lists(store) if p["title"] == "县级核查问题（11月）"]
        worklog.close_problem(store, plist["items"][0]["id"], "已补录务工收入")
        worklog.complete_task(store, prompt[0]["tasks"][0]["id"])
        review_signoff.approve(store)
        sync.sync(store)
        browser.get(f"{base}/publications")
        text = browser.find_element(By.TAG_NAME, "main").text
        assert "自强村：已接收，已完成 1/2" in text and "自强村：已接收，已销号 1/1" in text
        shots(browser, "publications")
        browser.find_element(By.XPATH, "//tr[td[contains(., '县级核查问题')]]/td[1]/a").click()
        assert "已补录务工收入" in browser.find_element(By.TAG_NAME, "main").text
        shots(browser, "problem-list")
        browser.get(f"{base}/publications/tables")
        assert "自强村：已接收" in browser.find_element(By.TAG_NAME, "tbody").text
        shots(browser, "forms-and-tables")

        # The phone edited on both sides: both values side by side, the county chooses the village's.
        browser.get(f"{base}/conflicts")
        row = browser.find_element(By.XPATH, "//tr[td[text()='phone']]")
        assert "13922222222" in row.text and "13811111111" in row.text
        shots(browser, "conflicts")
        chosen = "lost" if "13922222222" in row.find_elements(By.TAG_NAME, "td")[4].text else "kept"
        row.find_element(By.XPATH, f".//button[@value='{chosen}']").click()   # the village's value
        notice(browser, "已决定冲突")

        # Batches with their receipts, the county's checks, the exports.
        browser.find_element(By.PARTIAL_LINK_TEXT, "批次").click()
        assert "已收" in browser.find_element(By.TAG_NAME, "tbody").text
        browser.find_element(By.PARTIAL_LINK_TEXT, "已审核批准").click()   # filtered by the leader's review
        assert "review=approved" in browser.current_url
        rows = browser.find_elements(By.XPATH, "(//table)[1]/tbody/tr")
        assert rows and all("批准" in row.text and "(verified)" in row.text for row in rows)
        shots(browser, "batches")
        browser.find_element(By.PARTIAL_LINK_TEXT, "县级核查").click()
        assert "身份证号重复" in browser.find_element(By.TAG_NAME, "tbody").text
        shots(browser, "checks")
        browser.find_element(By.PARTIAL_LINK_TEXT, "导出").click()
        shots(browser, "exports")

        # Revoke the laptop: the county refuses it from now on.
        browser.get(f"{base}/devices")
        browser.find_element(By.XPATH, "//tr[td[text()='自强村']]//summary").click()
        browser.find_element(By.XPATH, "//tr[td[text()='自强村']]//button").click()
        notice(browser, "已停用")
        shots(browser, "devices")
        worklog.add_problem_list(store, "本村自查")
        with pytest.raises(sync.SyncError):
            sync.sync(store)
        sign_out(browser)

        # The township reviewer of 安场镇 sees 自强村 and not 新华村 (城关镇).
        sign_in(browser, base, "anchang")
        main = browser.find_element(By.TAG_NAME, "main").text
        assert "自强村" in main and "新华村" not in main
        shots(browser, "overview-township")
        sign_out(browser)

        # The admin reads who looked at which household.
        sign_in(browser, base, "admin")
        browser.get(f"{base}/access-log")
        assert "monitor" in browser.find_element(By.TAG_NAME, "tbody").text
        shots(browser, "access-log")
        browser.find_element(By.PARTIAL_LINK_TEXT, "账号").click()
        assert "anchang" in browser.find_element(By.TAG_NAME, "tbody").text
        shots(browser, "accounts")
    finally:
        store.close()
        other_store.close()

