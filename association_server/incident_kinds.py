"""Every kind of incident the receiver raises, with what it means, in Chinese and English.

An incident is something the association's staff must look at.  Some come from a batch
the receiver refused (nothing of it was stored); the others from what an accepted batch
or a donor's scan revealed about a station.  ``association-server incidents --kinds``
prints this list; the listing explains each kind it shows.
"""

from __future__ import annotations

from enum import StrEnum


class IncidentKind(StrEnum):
    # A refused batch: nothing of it was stored
    SEQ_GAP = "seq_gap"
    TAMPER_CONFLICT = "tamper_conflict"
    CHAIN_BROKEN = "chain_broken"
    BAD_SIGNATURE = "bad_signature"
    KEY_MISMATCH = "key_mismatch"
    BAD_ENTRY = "bad_entry"
    RECEIPT_CLAIMED = "receipt_claimed"
    GOODS_INCONSISTENT = "goods_inconsistent"
    # What an accepted batch revealed
    RECEIPT_GAP = "receipt_gap"
    DAY_TOTALS_MISMATCH = "day_totals_mismatch"
    DAY_GOODS_MISMATCH = "day_goods_mismatch"
    STATION_RESTORED = "station_restored"
    LEDGER_FORKED = "ledger_forked"
    NUMBER_REISSUED = "number_reissued"
    # What a donor's scan revealed
    NUMBER_ISSUED_TWICE = "number_issued_twice"
    STATION_SILENT = "station_silent"
    # Someone knocking at the door
    ENROLLMENT_LOCKOUT = "enrollment_lockout"


EXPLANATIONS: dict[IncidentKind, tuple[str, str]] = {
    IncidentKind.SEQ_GAP: (
        "批次跳过了账本序号，已拒收。",
        "A batch skipped ledger numbers; refused.",
    ),
    IncidentKind.TAMPER_CONFLICT: (
        "已收到的账本记录被改动后重发（或账本回滚），已拒收。",
        "An entry already received came again altered (or the ledger rolled back); refused.",
    ),
    IncidentKind.CHAIN_BROKEN: (
        "账本哈希链断裂，已拒收。",
        "The ledger's hash chain is broken; refused.",
    ),
    IncidentKind.BAD_SIGNATURE: (
        "收据签名不是该站登记的密钥所签，已拒收。",
        "A receipt is not signed with the station's enrolled key; refused.",
    ),
    IncidentKind.KEY_MISMATCH: (
        "账本中的公钥与登记时不同，已拒收。",
        "The ledger names another public key than the station enrolled with; refused.",
    ),
    IncidentKind.BAD_ENTRY: (
        "账本记录的字段不符合协议（编号、金额、时间、长度等），已拒收。",
        "An entry's fields break the protocol (number, amount, time, length…); refused.",
    ),
    IncidentKind.RECEIPT_CLAIMED: (
        "该站提交了属于其他站点的收据编号，已拒收。",
        "The station sent a receipt number that belongs to another station; refused.",
    ),
    IncidentKind.GOODS_INCONSISTENT: (
        "物资记录对不上（批次不存在、重复，或发放超出库存），已拒收。",
        "Goods entries do not add up (an unknown or repeated lot, or more out than in stock); "
        "refused.",
    ),
    IncidentKind.RECEIPT_GAP: (
        "收据编号出现缺号（编号被跳过、丢失或未上报）。",
        "Receipt serials skip numbers (skipped, lost or never sent).",
    ),
    IncidentKind.DAY_TOTALS_MISMATCH: (
        "日结金额与市慈善会收到的当日捐赠记录不一致。",
        "A day close's totals differ from the donations received for that day.",
    ),
    IncidentKind.DAY_GOODS_MISMATCH: (
        "日结所列当日物资进出或清点账面与市慈善会收到的物资记录不一致。",
        "A day close's goods in, out or counted book differ from the goods entries received.",
    ),
    IncidentKind.STATION_RESTORED: (
        "站点从备份恢复了数据库（账本完整接续）。",
        "The station restored its database from a backup (ledger carried forward).",
    ),
    IncidentKind.LEDGER_FORKED: (
        "站点恢复备份时旧账本不可读，账本从备份处分叉；被取代的记录已另行保存。",
        "A restore without the old ledger forked the chain; superseded entries are kept.",
    ),
    IncidentKind.NUMBER_REISSUED: (
        "同一收据编号再次出现且签名内容不同：该编号被开具了两次。",
        "A receipt number came again with other signed values: it was issued twice.",
    ),
    IncidentKind.NUMBER_ISSUED_TWICE: (
        "捐赠人扫码的收据签名有效，但金额或时间与记录不同：编号被开具了两次。",
        "A donor scanned a genuinely signed receipt whose values differ from ours.",
    ),
    IncidentKind.STATION_SILENT: (
        "站点多日未同步，而其收据正被捐赠人扫码核验。",
        "The station has not synced for days while donors scan its receipts.",
    ),
    IncidentKind.ENROLLMENT_LOCKOUT: (
        "登记码多次输错，该客户端或站点的登记已暂时锁定。",
        "Repeated wrong enrolment codes; that client or station is locked out for a while.",
    ),
}

#: Refusals that are recorded as incidents (the batch itself is not stored).
REFUSAL_KINDS = frozenset(
    {
        IncidentKind.SEQ_GAP,
        IncidentKind.TAMPER_CONFLICT,
        IncidentKind.CHAIN_BROKEN,
        IncidentKind.BAD_SIGNATURE,
        IncidentKind.KEY_MISMATCH,
        IncidentKind.BAD_ENTRY,
        IncidentKind.RECEIPT_CLAIMED,
        IncidentKind.GOODS_INCONSISTENT,  # a station hiding goods that left unrecorded
    }
)


def explain(code: str) -> tuple[str, str]:
    """The (Chinese, English) line for ``code``; an unknown code explains itself."""
    try:
        return EXPLANATIONS[IncidentKind(code)]
    except ValueError:
        return (code, code)
