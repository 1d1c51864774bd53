"""The console in a real browser: Debian's chromium, driven by selenium through Debian's
chromedriver (apt: chromium, chromium-driver; nothing is downloaded).

One officer's afternoon: log in, see a station that synced through the real client,
resolve the incident its tampered batch raised, enter an official receipt number and see
it on the donor's QR page, publish a month and open it logged out; then the stations and
incidents at phone width, where nothing may spill past the right edge.  On the way: a
donor's scan of a receipt not synced (the stations page's unsynced age), the goods page's
charts, the accounts page, and a published month's goods.
``CONSOLE_SCREENSHOTS=docs/screenshots`` saves ``console-*.png`` at 1366×768 and 390 px.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from station_app.services.station_sync import sync_station
from tests.console.client import PASSWORD, new_user
from tests.console.scenario import qr_path, tamper
from tests.console.test_console_disclosed_goods import MONTH as GOODS_MONTH
from tests.console.test_console_disclosed_goods import _give_rice
from tests.console.test_console_pages import _donate, own_fund
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation

CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--lang=zh-CN",
]


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    binary = shutil.which("chromium")
    if binary is None or not os.path.exists(CHROMEDRIVER):
        message = "Debian's chromium and chromium-driver are not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in [*FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _shoot(driver, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("CONSOLE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        full = driver.execute_script("return document.documentElement.scrollHeight")
        width = driver.execute_script("return window.innerWidth")
        size = driver.get_window_size()
        driver.set_window_size(size["width"], max(size["height"], min(full + 140, 3000)))
        driver.save_screenshot(str(Path(folder) / f"console-{name}-{width}.png"))
        driver.set_window_size(size["width"], size["height"])


def _fits(driver) -> None:  # type: ignore[no-untyped-def]
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 0, f"the page is {overflow}px wider than the screen"


def test_an_officer_works_the_console_in_a_browser(
    browser,  # type: ignore[no-untyped-def]
    sqlite_deployment: Deployment,
    make_station: Callable[..., SyncStation],
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    d, driver = sqlite_deployment, browser
    st = make_station(d)
    fund = own_fund(d, st)
    _donate(st, "欧阳娜娜", 20_000, fund)
    _donate(st, "李四", 5_000, fund)
    _give_rice(st, fund)  # goods in November, for the goods page and the disclosure
    assert sync_station(st.db, st.keys, base_url=d.url).ok
    incident = tamper(d, st)
    st.record(1)  # printed, scanned by its donor, not synced: the unsynced age
    assert "尚未同步" in httpx.get(d.url + qr_path(st.receipts()[-1])).text
    receipt = st.receipts()[0]
    month = receipt["business_day"][:7]
    name = new_user(d.engine, "officer")

    def find(css: str):  # type: ignore[no-untyped-def]
        return driver.find_element(By.CSS_SELECTOR, css)

    def submit(button) -> None:  # type: ignore[no-untyped-def]
        """Click a form's button and wait until the browser has left the page.

        The page's own click (a real click event on the button, which submits its form):
        chromedriver's click looks the node up again after clicking, and when the submit
        has already replaced the document it fails with "Node with given id does not
        belong to the document" (seen once in ~10 runs on a loaded machine)."""
        driver.execute_script("arguments[0].click();", button)
        WebDriverWait(driver, 30).until(expected_conditions.staleness_of(button))

    driver.set_window_size(1366, 768)
    driver.get(d.url + "/console/stations")  # not logged in: sent to the login page
    assert driver.current_url.endswith("/console/login")
    _shoot(driver, "login")
    find("#name").send_keys(name)
    find("#password").send_keys(PASSWORD)
    submit(find("#login"))
    assert driver.current_url.endswith("/console/stations")
    row = find(f'tr[data-code="{st.code}"]')
    assert "1" in row.text  # one open incident, linked
    assert "0 天" in row.find_element(By.CSS_SELECTOR, "td[data-unsynced]").text
    _fits(driver)
    _shoot(driver, "stations")

    driver.get(f"{d.url}/console/incidents/{incident}")
    assert "篡改" in find("main").text or "tamper" in find("main").text
    find("#note").send_keys("核实：站点电脑被人改过数据，已报警并更换电脑")
    submit(find("#resolve"))
    assert find("#status").text == "已解决"
    _shoot(driver, "incident")

    driver.get(f"{d.url}/console/receipts?station={st.code}")
    form = find(f'tr[data-number="{receipt["receipt"]}"] form')
    form.find_element(By.NAME, "official").send_keys("粤财0099887")
    submit(form.find_element(By.TAG_NAME, "button"))
    assert "已录入 1 个票据号" in find("#message").text
    _shoot(driver, "receipts")
    driver.get(d.url + qr_path(receipt))
    assert "粤财0099887" in find("body").text

    driver.get(f"{d.url}/console/disclosure?designation={fund}&month={month}")
    submit(find("#publish"))
    assert "第 1 版" in find("#versions").text
    driver.get(f"{d.url}/console/totals?station={st.code}&group=day")
    assert "2 笔，共 250.00 元" in find("#grand-total").text
    _shoot(driver, "totals")
    driver.get(f"{d.url}/console/goods?station={st.code}&from={GOODS_MONTH}-01&to={GOODS_MONTH}-30")
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg")) == 2
    _shoot(driver, "goods")
    driver.get(f"{d.url}/console/disclosure?designation={fund}&month={GOODS_MONTH}")
    submit(find("#publish"))
    driver.get(f"{d.url}/console/accounts")
    assert find("#password-form").is_displayed()
    _shoot(driver, "accounts")

    driver.delete_all_cookies()  # logged out: the public page still opens
    driver.get(f"{d.url}/disclosure/{fund}/{month}")
    body = find("main").text
    assert "社区慈善基金" in body and "欧***" in body and "欧阳娜娜" not in body
    _shoot(driver, "disclosure")
    driver.get(f"{d.url}/disclosure/{fund}/{GOODS_MONTH}")
    assert "大米" in find("#disclosed-goods").text and "王大妈" not in find("body").text
    _shoot(driver, "disclosure-goods")
    driver.get(d.url + "/console/incidents")
    assert driver.current_url.endswith("/console/login")

    driver.set_window_size(390, 844)  # a phone
    find("#name").send_keys(name)
    find("#password").send_keys(PASSWORD)
    submit(find("#login"))
    _fits(driver)
    assert find(f'tr[data-code="{st.code}"]').is_displayed()
    _shoot(driver, "stations")
    driver.get(f"{d.url}/console/incidents?status=all&station={st.code}")
    _fits(driver)
    _shoot(driver, "incidents")
    driver.get(f"{d.url}/disclosure/{fund}/{month}")
    _fits(driver)
    _shoot(driver, "disclosure")
    goods = f"/console/goods?station={st.code}&from={GOODS_MONTH}-01"
    for path, shot in (
        (f"/disclosure/{fund}/{GOODS_MONTH}", "disclosure-goods"),
        ("/console/accounts", "accounts"),
        (goods, "goods"),
    ):
        driver.get(d.url + path)
        _fits(driver)
        _shoot(driver, shot)
