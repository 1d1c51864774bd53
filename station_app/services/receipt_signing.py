"""The station's receipt signer: the private key held in memory, loaded once from the keyring."""

from __future__ import annotations

from typing import Protocol

from station_app.domain import signing
from station_app.domain.errors import DomainError


class SigningKeySource(Protocol):
    def get_signing_key(self) -> bytes | None: ...


class ReceiptSigner:
    def __init__(self, private_key: bytes) -> None:
        self._key = signing.load_private_key(private_key)
        self.public_key = signing.public_key_of(private_key)

    @classmethod
    def from_keystore(cls, keys: SigningKeySource) -> ReceiptSigner:
        key = keys.get_signing_key()
        if key is None:
            raise DomainError(
                "keys.missing",
                "找不到本站的收据签名密钥。请在原电脑上备份密钥,或联系市慈善会重新登记站点",
                "This station's receipt signing key is missing from the keyring; restore it "
                "or ask the association to enrol the station again.",
            )
        return cls(key)

    def sign(self, number: str, amount_fen: int, issued_at: str, station_code: str) -> str:
        return signing.sign_receipt_with(self._key, number, amount_fen, issued_at, station_code)
