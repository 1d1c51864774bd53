"""How a sync ended, in words a coordinator can act on (Chinese and English).

The receiver answers with machine codes; this is the one place that turns them into
advice, so the CLI, the UI's Sync panel and the ``sync_run`` history say the same thing.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from station_app.domain.station_time import local_text, to_iso


class Outcome(StrEnum):
    OK = "ok"
    BUSY = "busy"  # another sync is running
    NETWORK = "network"  # gave up after retries; nothing lost, try later
    REFUSED = "refused"  # the receiver said no (4xx); a person must act
    DIVERGED = "diverged"  # receiver's ledger is not a prefix of ours
    CANCELLED = "cancelled"
    NOT_ENROLLED = "not_enrolled"
    UNTRUSTED = "untrusted"  # the server's certificate did not verify; nothing was sent

    @property
    def retryable(self) -> bool:
        """Nothing is wrong with the records: the same sync later may well succeed."""
        return self in (Outcome.NETWORK, Outcome.BUSY)

    @property
    def nothing_wrong(self) -> bool:
        """No person needs to act (cancelled, or try later)."""
        return self.retryable or self is Outcome.CANCELLED


_CALL = ("请联系市慈善会。", "Please contact the association.")

_REFUSALS: dict[str, tuple[str, str]] = {
    "unauthorized": (
        "市慈善会不认可本站的同步令牌（可能已被吊销）。请向市慈善会索取新的登记码，"
        "在“设置”中重新登记后再同步。",
        "The association does not accept this station's sync token (it may have been "
        "revoked). Ask the association for a new enrolment code and enrol again in Settings.",
    ),
    "forbidden": (
        "同步令牌不属于本站点。请在“设置”中用本站的登记码重新登记。",
        "The sync token belongs to another station. Enrol again in Settings with this "
        "station's enrolment code.",
    ),
    "moved": (
        "慈善会网址上的服务器把请求转到了别处，为保护同步令牌，本次没有跟过去，也没有上传。"
        "请向市慈善会确认现在的网址，在“设置”中用新网址重新登记。",
        "The server at the association URL redirects elsewhere; to keep the sync token safe "
        "the station did not follow it, and nothing was uploaded. Ask the association for "
        "its current URL and enrol again with it in Settings.",
    ),
    "tamper_conflict": (
        "市慈善会发现本站账本中已上传的记录被改动过，同步已停止，什么也没有上传。"
        "请不要再修改数据，立即联系市慈善会。",
        "The association found that records already uploaded were changed in this "
        "station's ledger. Sync stopped and nothing was uploaded. Do not change anything; "
        "contact the association at once.",
    ),
    "seq_gap": (
        "本站账本的编号出现缺口，市慈善会拒收。",
        "The station's ledger has a gap in its numbering, so the association refused it.",
    ),
    "chain_broken": (
        "本站账本的校验链断开，市慈善会拒收。",
        "The station ledger's hash chain is broken, so the association refused it.",
    ),
    "bad_signature": (
        "有收据的签名与本站登记的密钥不符，市慈善会拒收。",
        "A receipt's signature does not match the key this station enrolled with, so the "
        "association refused it.",
    ),
    "key_mismatch": (
        "本站的签名密钥与市慈善会登记的不一致。",
        "The station's signing key differs from the one the association has on record.",
    ),
}


def refusal_message(code: str, seq: int | None) -> tuple[str, str]:
    zh, en = _REFUSALS.get(
        code,
        (
            f"市慈善会拒绝了本次同步（{code}）。",
            f"The association refused this sync ({code}).",
        ),
    )
    if seq is not None:
        zh, en = f"{zh}（第 {seq} 条记录）", f"{en} (entry {seq})"
    if code not in ("unauthorized", "forbidden", "tamper_conflict", "moved"):
        zh, en = zh + _CALL[0], en + " " + _CALL[1]
    return zh, en


def ok_message(acked_seq: int) -> tuple[str, str]:
    return (
        f"同步完成：市慈善会已收到本站全部 {acked_seq} 条记录。",
        f"Sync complete: the association holds all {acked_seq} records of this station.",
    )


def busy_message() -> tuple[str, str]:
    return (
        "另一次同步正在进行，请等它结束。",
        "Another sync is already running; wait for it to finish.",
    )


def cancelled_message() -> tuple[str, str]:
    return (
        "同步已取消。已确认的记录已保存，下次会从中断处继续。",
        "Sync cancelled. What was acknowledged is kept; the next sync resumes from there.",
    )


_NETWORK = {
    "unreachable": (
        "连不上市慈善会。请检查：这台电脑能否上网（网线或 Wi-Fi），"
        "以及“设置”中的慈善会网址是否与市慈善会给的一致。",
        "Could not connect to the association. Check that this PC is online (cable or "
        "Wi-Fi) and that the association URL in Settings is exactly the one it gave you.",
    ),
    "timeout": (
        "连上了市慈善会的服务器，但它没有及时回应。网络可能很慢或时断时续，请稍后再同步。",
        "The association's server was reached but did not answer in time. The network may "
        "be slow or unstable; sync again later.",
    ),
    "server": (
        "市慈善会的服务器暂时出现故障或太忙。请稍后再同步；如一直如此，请联系市慈善会。",
        "The association's server has a problem or is too busy right now. Sync again later; "
        "if it goes on, contact the association.",
    ),
}


def network_message(kind: str = "unreachable") -> tuple[str, str]:
    """What to check when the association could not be reached; nothing is lost."""
    zh, en = _NETWORK.get(kind, _NETWORK["unreachable"])
    return (f"{zh}已登记的记录不会丢失。", f"{en} Nothing recorded is lost.")


def diverged_message(acked_seq: int) -> tuple[str, str]:
    return (
        f"市慈善会保存的记录（到第 {acked_seq} 条）与本机账本不一致，可能是本机数据库"
        "从旧备份恢复过。同步已停止，请联系市慈善会。",
        f"The association's copy (up to entry {acked_seq}) does not match this PC's ledger; "
        "the database may have been restored from an old backup. Sync stopped; contact "
        "the association.",
    )


def not_enrolled_message() -> tuple[str, str]:
    return (
        "本站尚未在市慈善会登记。请在“设置”中输入市慈善会提供的登记码。",
        "This station is not enrolled with the association yet. Enter the enrolment code "
        "from the association in Settings.",
    )


def skew_warning(skew_s: float) -> tuple[str, str]:
    minutes = round(abs(skew_s) / 60)
    ahead = skew_s > 0
    return (
        f"本机时钟比市慈善会{'快' if ahead else '慢'}约 {minutes} 分钟，请校正电脑时间，"
        "否则收据上的时间会不准。",
        f"This PC's clock is about {minutes} minutes {'ahead of' if ahead else 'behind'} "
        "the association's. Please correct it, or receipt times will be wrong.",
    )


def insecure_address_message(url: str) -> tuple[str, str]:
    return (
        f"慈善会网址 {url} 不是 https:// 网址，为保护同步令牌，本次没有连接。"
        "请在“设置”中用市慈善会给的 https:// 网址重新登记。",
        f"The association URL {url} is not an https:// URL, so nothing was sent, "
        "to keep the sync token safe. Enrol again in Settings with the association's "
        "https:// address.",
    )


def untrusted_message(reason: str, now: datetime) -> tuple[str, str]:
    local_time = local_text(to_iso(now))  # the clock the coordinator should check
    return (
        "无法确认对方是市慈善会的服务器：它的安全证书无法验证，因此什么也没有发送。"
        f"请先检查本机的日期和时间是否正确（本机现在是 {local_time}）；如果正确，"
        f"请核对“设置”中的慈善会网址，并联系市慈善会。（{reason}）",
        "Could not confirm that the server is the association's: its certificate could not "
        "be verified, so nothing was sent. First check this PC's date and time (it is now "
        f"{local_time} here); if they are right, check the association URL in Settings "
        f"and contact the association. ({reason})",
    )
