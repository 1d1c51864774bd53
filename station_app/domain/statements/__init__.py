"""Payment statements: what WeChat Pay, Alipay and the banks say the station received.

A coordinator must show that every mobile or bank payment the station received is
recorded, and that every recorded one was really received.  The providers publish
statements for exactly this (finding payments received but not recorded, 掉单).  This
package turns the rows of such a file into :class:`~.model.StatementLine` values (pure
text work: the files themselves are read by ``services/statement_files.py``) and matches
them one to one with the recorded donations (:mod:`.matching`).
"""
