<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountsTab</name>
    <message>
        <location filename="../../station_app/ui/settings_accounts.py" line="60"/>
        <source>Switch account o&amp;ff/on</source>
        <translation>停用/启用账号(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_accounts.py" line="64"/>
        <source>New password for the chosen account</source>
        <translation>为所选账号设置的新密码</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_accounts.py" line="65"/>
        <source>&amp;Reset password</source>
        <translation>重置密码(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_accounts.py" line="74"/>
        <source>A&amp;dd account</source>
        <translation>添加账号(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_accounts.py" line="82"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_accounts.py" line="83"/>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_accounts.py" line="84"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_accounts.py" line="103"/>
        <source>Choose the account in the list first.</source>
        <translation>请先在列表中选择账号。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_accounts.py" line="110"/>
        <source>The password of {0} was reset; tell them the new one.</source>
        <translation>{0} 的密码已重置，请把新密码告诉本人。</translation>
    </message>
</context>
<context>
    <name>AmountRows</name>
    <message>
        <location filename="../../station_app/ui/amount_rows.py" line="24"/>
        <source>e.g. 100 or 1,000.50</source>
        <translation>例如 100 或 1,000.50</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/amount_rows.py" line="26"/>
        <source>&amp;Amount (¥):</source>
        <translation>金额(&amp;A)（元）：</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../station_app/ui/desk_start.py" line="136"/>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/desk_start.py" line="158"/>
        <source>The station database needs attention</source>
        <translation>站点数据库需要处理</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/desk_start.py" line="159"/>
        <source>The daily check of the station database found a problem: {0}
Call the IT helper now. At the next start the program sets the database aside and offers to restore a backup; nothing is lost.</source>
        <translation>每日检查发现站点数据库有问题：{0}
请立即联系技术人员。下次启动时，程序会把数据库移到一旁并提供恢复备份，不会丢失任何记录。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/desk_start.py" line="206"/>
        <source>Opening the station…</source>
        <translation>正在打开站点…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/desk_start.py" line="267"/>
        <source>Cannot open the station</source>
        <translation>无法打开站点</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/desk_start.py" line="252"/>
        <source>Set up this station to start.</source>
        <translation>请先设置本站点。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/app.py" line="285"/>
        <location filename="../../station_app/ui/desk_start.py" line="260"/>
        <source>The station could not be opened. Close this window and start again.</source>
        <translation>无法打开站点数据。请关闭本窗口后重新启动程序。</translation>
    </message>
</context>
<context>
    <name>BankMappingDialog</name>
    <message>
        <location filename="../../station_app/ui/bank_mapping_dialog.py" line="49"/>
        <source>Set up a bank&apos;s statement columns</source>
        <translation>设置银行对账单的列</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/bank_mapping_dialog.py" line="52"/>
        <source>Say once which column of this bank&apos;s statement holds what; the program remembers it for every later statement of the bank.</source>
        <translation>只需设置一次：这家银行对账单的哪一列是什么。以后导入这家银行的对账单时，程序会记住。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/bank_mapping_dialog.py" line="59"/>
        <source>e.g. ICBC Haizhu branch</source>
        <translation>例如：工商银行海珠支行</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/bank_mapping_dialog.py" line="60"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/bank_mapping_dialog.py" line="71"/>
        <source>&amp;Bank:</source>
        <translation>银行(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/bank_mapping_dialog.py" line="72"/>
        <source>&amp;Date column:</source>
        <translation>日期列(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/bank_mapping_dialog.py" line="73"/>
        <source>&amp;Time column:</source>
        <translation>时间列(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/bank_mapping_dialog.py" line="74"/>
        <source>&amp;Amount column (money in):</source>
        <translation>金额列（收入）(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/bank_mapping_dialog.py" line="75"/>
        <source>Di&amp;rection column:</source>
        <translation>收支方向列(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/bank_mapping_dialog.py" line="76"/>
        <source>Words for money &amp;in:</source>
        <translation>表示收入的文字(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/bank_mapping_dialog.py" line="77"/>
        <source>&amp;Counterparty column:</source>
        <translation>对方户名列(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/bank_mapping_dialog.py" line="78"/>
        <source>Transaction &amp;no. column:</source>
        <translation>流水号列(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/bank_mapping_dialog.py" line="83"/>
        <source>Without a direction column, a positive amount is money in. The counterparty is kept only masked.</source>
        <translation>没有收支方向列时，正数金额视为收入。对方户名只以隐去部分的形式保存。</translation>
    </message>
</context>
<context>
    <name>ConfirmBoxes</name>
    <message>
        <location filename="../../station_app/ui/goods/confirm_boxes.py" line="31"/>
        <source>Coordinator accepts goods near expiry</source>
        <extracomment>The refusal codes that open a box (``services/goods_acceptance.py``).</extracomment>
        <translation>站点负责人同意接收临期物资</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/confirm_boxes.py" line="36"/>
        <source>Coordinator</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/confirm_boxes.py" line="37"/>
        <location filename="../../station_app/ui/goods/confirm_boxes.py" line="43"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/confirm_boxes.py" line="38"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/confirm_boxes.py" line="39"/>
        <source>Second person counts and confirms</source>
        <translation>第二人清点确认</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/confirm_boxes.py" line="42"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
</context>
<context>
    <name>DayBanner</name>
    <message>
        <location filename="../../station_app/ui/day_banner.py" line="30"/>
        <source>Today ({0}) is closed. New records go to {1}.</source>
        <translation>今天（{0}）已日结。新的记录将记入 {1}。</translation>
    </message>
</context>
<context>
    <name>DayCloseDialog</name>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="83"/>
        <source>Close the day {0}</source>
        <translation>日结 {0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="86"/>
        <source>Reading the day&apos;s records…</source>
        <translation>正在读取当天的记录…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="88"/>
        <source>What the records say</source>
        <translation>记录显示</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="91"/>
        <source>Cash box count</source>
        <translation>清点钱箱</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="155"/>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="107"/>
        <source>Payment statements</source>
        <translation>支付对账单</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="108"/>
        <source>Reading the day&apos;s statements…</source>
        <translation>正在读取当天的对账单…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="128"/>
        <source>One explanation for the chosen lines</source>
        <translation>为选中的各笔填写同一说明</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="130"/>
        <source>&amp;Explain the chosen lines</source>
        <translation>填入选中的各笔(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="132"/>
        <source>Open the &amp;statements…</source>
        <translation>打开对账单(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="134"/>
        <source>Import a statement or record a payment nobody recorded</source>
        <translation>导入对账单，或补录未登记的收款</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="151"/>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="157"/>
        <source>Needed for a difference in the cash box</source>
        <translation>现金有差异时必填</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="158"/>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="160"/>
        <source>Second person confirms</source>
        <translation>第二人确认</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="166"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="169"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="174"/>
        <source>&amp;Close the day</source>
        <translation>日结(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="234"/>
        <source>{0}: nothing to reconcile.</source>
        <translation>{0}：无需对账。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="237"/>
        <source>{0}: no statement imported for this day; records {1}.</source>
        <translation>{0}：这一天还没有导入对账单；记录 {1}。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="243"/>
        <source>{0}: statements {1}, records {2}; {3} matched, {4} unmatched.</source>
        <translation>{0}：对账单 {1}，记录 {2}；已对上 {3} 笔，未对上 {4} 笔。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="275"/>
        <source>¥{0}</source>
        <translation>{0} 元</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="276"/>
        <source>{0} jiao</source>
        <translation>{0} 角</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="284"/>
        <source>Cash {0} · Mobile {1} · Bank {2} · Goods (estimated) {3}
{4} donations, receipts {5} to {6}, {7} voided, {8} reprints</source>
        <translation>现金 {0} · 移动支付 {1} · 银行转账 {2} · 物资（估值）{3}
共 {4} 笔捐赠，收据 {5} 至 {6}，作废 {7} 张，补打 {8} 次</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="319"/>
        <source>Counted cash: {0}</source>
        <translation>清点现金：{0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="328"/>
        <source>cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="329"/>
        <source>mobile</source>
        <translation>移动支付</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="330"/>
        <source>bank</source>
        <translation>银行转账</translation>
    </message>
    <message numerus="yes">
        <location filename="../../station_app/ui/day_close_dialog.py" line="338"/>
        <source>%n unmatched line(s) without an explanation</source>
        <translation>
            <numerusform>%n 笔未对上的款项尚无说明</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="339"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="340"/>
        <source>None: all agree</source>
        <translation>无：全部相符</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_close_dialog.py" line="365"/>
        <source>Enter the second person&apos;s password.</source>
        <translation>请输入第二人的密码。</translation>
    </message>
</context>
<context>
    <name>DayClosedDialog</name>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="49"/>
        <source>Day {0} closed</source>
        <translation>{0} 已日结</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="53"/>
        <source>&lt;b&gt;{0} is closed.&lt;/b&gt; Confirmed by {1} and {2}.</source>
        <translation>&lt;b&gt;{0} 已日结。&lt;/b&gt;由{1}和{2}共同确认。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="60"/>
        <source>Counted cash {0}; difference from the records {1}.</source>
        <translation>清点现金 {0}；与记录相差 {1}。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="67"/>
        <source>No goods came in or went out.</source>
        <translation>当日无物资进出。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../station_app/ui/day_closed_dialog.py" line="69"/>
        <source>Goods: %n item(s) counted</source>
        <translation>
            <numerusform>物资：清点 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="70"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message numerus="yes">
        <location filename="../../station_app/ui/day_closed_dialog.py" line="72"/>
        <source>%n differ(s) from the book, booked as a stock-take.</source>
        <translation>
            <numerusform>%n 项与账面不符，已作为盘点记录入账。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="74"/>
        <source>all agree with the book.</source>
        <translation>与账面全部相符。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="80"/>
        <source>The day-close summary was saved as a PDF. Print it, have both people sign it, and keep it with the day&apos;s papers:</source>
        <translation>日结汇总表已保存为 PDF。请打印出来，由两位确认人签字，与当天的单据一起保存：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="95"/>
        <source>Warning: the automatic backup after the close did not work. The close itself is saved. {0}</source>
        <translation>注意：日结后的自动备份没有成功，但日结本身已经保存。{0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="102"/>
        <source>A checked backup was made: {0}</source>
        <translation>已完成备份并通过检查：{0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="109"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="112"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="116"/>
        <source>Save a &amp;copy…</source>
        <translation>另存一份(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="124"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="150"/>
        <source>No program to open PDF files was found on this PC.</source>
        <translation>这台电脑上没有可以打开 PDF 文件的程序。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="163"/>
        <source>Print the day-close summary</source>
        <translation>打印日结汇总表</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="173"/>
        <source>Save a copy</source>
        <translation>另存一份</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_closed_dialog.py" line="173"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>DayEnd</name>
    <message>
        <location filename="../../station_app/ui/day_end.py" line="78"/>
        <source>Already closed</source>
        <translation>已经日结</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_end.py" line="80"/>
        <source>Today ({0}) is already closed; new records go to the next day. To change the close, reopen the day first.</source>
        <translation>今天（{0}）已经日结，新记录会记入下一天。如需修改日结，请先重新开启这一天。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_end.py" line="95"/>
        <source>Close the day {0} and sync</source>
        <translation>日结 {0} 并同步</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_end.py" line="105"/>
        <source>Day {0} is closed.</source>
        <translation>{0} 已日结。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_end.py" line="126"/>
        <source>Summary not saved</source>
        <translation>汇总表未保存</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_end.py" line="128"/>
        <source>The day is closed, but its summary PDF could not be saved: {0}
Print it later from the reports.</source>
        <translation>当天已经日结，但日结汇总表 PDF 未能保存：{0}
请稍后在报表中打印。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_end.py" line="157"/>
        <source>Day {0} is open again; close it again when it is corrected.</source>
        <translation>{0} 已重新开启；改正后请再次日结。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_end.py" line="166"/>
        <source>Not possible</source>
        <translation>无法进行</translation>
    </message>
</context>
<context>
    <name>DayGoodsPane</name>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="55"/>
        <source>&amp;Goods in and out, and their count</source>
        <translation>当日物资进出与清点(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="60"/>
        <source>Reading the day&apos;s goods…</source>
        <translation>正在读取当日物资……</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="65"/>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="66"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="67"/>
        <source>In</source>
        <translation>接收</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="68"/>
        <source>Out</source>
        <translation>出库</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="69"/>
        <source>Book</source>
        <translation>账面</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="70"/>
        <source>Counted</source>
        <translation>实盘</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="71"/>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="72"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="99"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="122"/>
        <source>Counted {0}</source>
        <translation>{0}的实盘数量</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="123"/>
        <source>count</source>
        <translation>清点数量</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="124"/>
        <source>Reason for {0}</source>
        <translation>{0}的差异原因</translation>
    </message>
    <message numerus="yes">
        <location filename="../../station_app/ui/day_goods_pane.py" line="139"/>
        <source>Count the %n item(s) that came in or went out on this day: all lots of each item together, wherever they are kept. A difference needs its reason and is booked as a stock-take. (The whole shelf is counted in the goods area&apos;s stock-take.)</source>
        <translation>
            <numerusform>请清点当日有进出的 %n 项物资：每项为该物品各批次合计，不论存放位置。有差异须写明原因，并作为盘点记录入账。（全部库存请在物资区的盘点中清点。）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="148"/>
        <source>No goods came in or went out on this day.</source>
        <translation>当日无物资进出，无需清点。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="164"/>
        <source>handed out</source>
        <translation>发放</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="165"/>
        <source>to a project</source>
        <translation>定向项目</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="166"/>
        <source>transferred</source>
        <translation>调拨</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="167"/>
        <source>written off</source>
        <translation>报损</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="168"/>
        <source>stock-take</source>
        <translation>盘点调整</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/day_goods_pane.py" line="183"/>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message numerus="yes">
        <location filename="../../station_app/ui/day_goods_pane.py" line="242"/>
        <source>%n item(s) of goods not counted</source>
        <translation>
            <numerusform>%n 项物资未清点</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DesignationChoice</name>
    <message>
        <location filename="../../station_app/ui/designation_choice.py" line="36"/>
        <source>Type to search</source>
        <translation>输入以搜索</translation>
    </message>
</context>
<context>
    <name>DeskFrame</name>
    <message>
        <location filename="../../station_app/ui/desk_frame.py" line="68"/>
        <source>Donation Station Desk</source>
        <translation>慈善捐赠站</translation>
    </message>
</context>
<context>
    <name>DeskShell</name>
    <message>
        <location filename="../../station_app/ui/shell.py" line="63"/>
        <source>Log in to start.</source>
        <translation>请登录后开始工作。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/shell.py" line="118"/>
        <location filename="../../station_app/ui/shell.py" line="149"/>
        <source>Unsaved donation</source>
        <translation>捐赠尚未保存</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/shell.py" line="120"/>
        <source>The form holds a donation that is not saved. Keep it for when you log in again? (Anyone else who logs in starts with an empty form.)</source>
        <translation>表单里有一笔尚未保存的捐赠。要为您保留到您重新登录吗？（其他人登录时看到的是空白表单。）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/shell.py" line="123"/>
        <source>&amp;Discard it</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/shell.py" line="124"/>
        <source>&amp;Keep it</source>
        <translation>保留(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/shell.py" line="150"/>
        <source>The form holds a donation that is not saved. Log out and discard it?</source>
        <translation>表单中有尚未保存的捐赠。注销并放弃它吗？</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/shell.py" line="151"/>
        <source>&amp;Discard and log out</source>
        <translation>放弃并注销(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/shell.py" line="152"/>
        <source>&amp;Keep working</source>
        <translation>继续工作(&amp;K)</translation>
    </message>
</context>
<context>
    <name>DonationDetailDialog</name>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="44"/>
        <source>Donation {0}</source>
        <translation>捐赠 {0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="54"/>
        <source>Receipt no.:</source>
        <translation>收据编号：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="55"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="56"/>
        <source>Recorded at:</source>
        <translation>登记时间：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="57"/>
        <source>Business day:</source>
        <translation>营业日：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="58"/>
        <source>Kind:</source>
        <translation>捐赠方式：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="59"/>
        <source>Amount:</source>
        <translation>金额：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="61"/>
        <source>Transaction no.:</source>
        <translation>交易单号：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="63"/>
        <source>Paid at (statement):</source>
        <translation>付款时间（对账单）：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="64"/>
        <source>Donor:</source>
        <translation>捐赠人：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="65"/>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="66"/>
        <source>Designation:</source>
        <translation>定向：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="67"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="68"/>
        <source>Operator:</source>
        <translation>经办人：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="69"/>
        <source>Printed:</source>
        <translation>已打印：</translation>
    </message>
    <message numerus="yes">
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="69"/>
        <source>%n time(s)</source>
        <translation>
            <numerusform>%n 次</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="72"/>
        <source>Original:</source>
        <translation>原件：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="74"/>
        <source>Copy {0}:</source>
        <translation>第 {0} 份（补打）：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="78"/>
        <source>Paper receipt:</source>
        <translation>纸质收据：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="80"/>
        <source>Voided at:</source>
        <translation>作废时间：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="81"/>
        <source>Voided by:</source>
        <translation>作废人：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="82"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="88"/>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="88"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="88"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="88"/>
        <source>Value</source>
        <translation>估值</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_detail_dialog.py" line="101"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>DonationForm</name>
    <message>
        <location filename="../../station_app/ui/donation_form.py" line="85"/>
        <source>New donation</source>
        <translation>登记捐赠</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_form.py" line="93"/>
        <source>&amp;Kind:</source>
        <translation>捐赠方式(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_form.py" line="102"/>
        <source>Optional: the number on the payer&apos;s phone</source>
        <translation>选填：付款人手机上显示的单号</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_form.py" line="104"/>
        <source>Matches the donation to its line on the payment statement</source>
        <translation>用于把这笔捐赠与对账单上的那一笔对上</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_form.py" line="106"/>
        <source>Transaction &amp;no.:</source>
        <translation>交易单号(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_form.py" line="116"/>
        <source>I&amp;tems:</source>
        <translation>物资明细(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_form.py" line="125"/>
        <source>D&amp;esignation:</source>
        <translation>定向(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_form.py" line="129"/>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_form.py" line="136"/>
        <source>&amp;Record and issue receipt</source>
        <translation>登记并开具收据(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_form.py" line="138"/>
        <source>Records the donation (Enter)</source>
        <translation>登记这笔捐赠（回车键）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donation_form.py" line="141"/>
        <source>C&amp;lear form</source>
        <translation>清空表单(&amp;L)</translation>
    </message>
</context>
<context>
    <name>DonationsModel</name>
    <message>
        <location filename="../../station_app/ui/donations_model.py" line="56"/>
        <source>Receipt no.</source>
        <extracomment>The whole :class:`DonationRow` of a line. The receipt number (what detail, reprint and void act on). Amount in fen as an int, for sorting proxies and tests.</extracomment>
        <translation>收据编号</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_model.py" line="57"/>
        <source>Business day</source>
        <translation>营业日</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_model.py" line="58"/>
        <source>Recorded at</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_model.py" line="59"/>
        <source>Kind</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_model.py" line="60"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_model.py" line="61"/>
        <source>Donor</source>
        <translation>捐赠人</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_model.py" line="62"/>
        <source>Designation</source>
        <translation>定向</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_model.py" line="63"/>
        <source>Operator</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_model.py" line="64"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_model.py" line="140"/>
        <source>Imported from paper receipt {0}</source>
        <translation>由纸质收据 {0} 导入</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_model.py" line="179"/>
        <source>{0} · reprinted {1}×</source>
        <translation>{0}·补打{1}次</translation>
    </message>
</context>
<context>
    <name>DonationsPanel</name>
    <message>
        <location filename="../../station_app/ui/donations_view.py" line="114"/>
        <source>All kinds</source>
        <translation>全部方式</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_view.py" line="97"/>
        <location filename="../../station_app/ui/donations_view.py" line="118"/>
        <source>All designations</source>
        <extracomment>Widths that fit a 1366×768 screen with the form beside the table.</extracomment>
        <translation>全部定向</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_view.py" line="123"/>
        <source>Receipt no.</source>
        <translation>收据编号</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_view.py" line="127"/>
        <source>Donor</source>
        <translation>捐赠人</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_view.py" line="131"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_view.py" line="143"/>
        <source>To:</source>
        <translation>至：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_view.py" line="182"/>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_view.py" line="186"/>
        <location filename="../../station_app/ui/donations_view.py" line="314"/>
        <source>Reprint…</source>
        <translation>补打…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_view.py" line="190"/>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_view.py" line="314"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donations_view.py" line="141"/>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message numerus="yes">
        <location filename="../../station_app/ui/donations_view.py" line="319"/>
        <source>%n donation(s) shown</source>
        <translation>
            <numerusform>显示 %n 笔捐赠</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DonorHistoryDialog</name>
    <message>
        <location filename="../../station_app/ui/donor_search.py" line="133"/>
        <source>Donations of “{0}”</source>
        <translation>“{0}”的捐赠</translation>
    </message>
    <message numerus="yes">
        <location filename="../../station_app/ui/donor_search.py" line="137"/>
        <source>%n donation(s) on any date, {0} in all (voided ones left out)</source>
        <translation>
            <numerusform>所有日期共 %n 笔，合计 {0}（已作废的不计）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_search.py" line="140"/>
        <source>No donor matches “{0}”.</source>
        <translation>没有与“{0}”相符的捐赠人。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_search.py" line="144"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_search.py" line="145"/>
        <source>Donor</source>
        <translation>捐赠人</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_search.py" line="146"/>
        <source>Kind</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_search.py" line="147"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_search.py" line="148"/>
        <source>Designation</source>
        <translation>定向</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_search.py" line="149"/>
        <source>Receipt no.</source>
        <translation>收据编号</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_search.py" line="150"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_search.py" line="177"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>DonorRows</name>
    <message>
        <location filename="../../station_app/ui/donor_rows.py" line="24"/>
        <source>Name of person or organisation</source>
        <translation>个人或单位名称</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_rows.py" line="25"/>
        <source>Anony&amp;mous</source>
        <translation>匿名(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_rows.py" line="28"/>
        <source>Or&amp;ganisation</source>
        <translation>单位(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_rows.py" line="30"/>
        <source>A company or other body: named in full on the disclosure sheet</source>
        <translation>企业、学校等单位：公示时列明名称</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_rows.py" line="36"/>
        <source>&amp;Donor:</source>
        <translation>捐赠人(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_rows.py" line="41"/>
        <source>Optional; for contacting the donor, never printed</source>
        <translation>选填；仅用于联系捐赠人，不打印</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_rows.py" line="42"/>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>DonorSearchBox</name>
    <message>
        <location filename="../../station_app/ui/donor_search.py" line="53"/>
        <source>Donor or receipt (scan the QR)</source>
        <translation>捐赠人或收据（可扫二维码）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_search.py" line="55"/>
        <source>A donor&apos;s name finds every gift on any date; a scanned receipt opens it</source>
        <translation>输入捐赠人姓名可查所有日期的捐赠；扫描收据二维码可直接打开该收据</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/donor_search.py" line="110"/>
        <source>No receipt {0} at this station.</source>
        <translation>本站点没有收据 {0}。</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../station_app/ui/app.py" line="138"/>
        <source>Unexpected error</source>
        <extracomment>Open the station this long after showing the window even if it was never painted. From another thread to the GUI thread (a queued connection).</extracomment>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/app.py" line="139"/>
        <source>Something went wrong and this action was not completed. Records already saved are safe. The details were written to:
{0}</source>
        <translation>出现了意外问题，本次操作没有完成。已保存的记录不受影响。详细信息已写入：
{0}</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../station_app/ui/first_run_dialog.py" line="50"/>
        <source>Set up this station</source>
        <translation>设置本站点</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/first_run_dialog.py" line="53"/>
        <source>This PC is not set up as a donation station yet. Enter the details the association gave you. You become the station&apos;s coordinator.</source>
        <translation>这台电脑还没有设置为捐赠站点。请填写慈善会提供的信息，您将成为本站点的负责人。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/first_run_dialog.py" line="67"/>
        <source>Optional: https://… (enrol later in Settings; the station works offline)</source>
        <translation>选填：https://…（可稍后在“设置”中登记；站点可离线使用）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/first_run_dialog.py" line="77"/>
        <source>Station &amp;code:</source>
        <translation>站点编码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/first_run_dialog.py" line="78"/>
        <source>Station &amp;name:</source>
        <translation>站点名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/first_run_dialog.py" line="79"/>
        <source>&amp;District:</source>
        <translation>所在区(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/first_run_dialog.py" line="80"/>
        <source>&amp;Association:</source>
        <translation>慈善会(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/first_run_dialog.py" line="81"/>
        <source>Association &amp;URL:</source>
        <translation>慈善会网址(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/first_run_dialog.py" line="82"/>
        <source>Your na&amp;me (coordinator):</source>
        <translation>您的姓名（负责人）(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/first_run_dialog.py" line="83"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/first_run_dialog.py" line="84"/>
        <source>Password a&amp;gain:</source>
        <translation>再次输入密码(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/first_run_dialog.py" line="95"/>
        <source>&amp;Set up station</source>
        <translation>设置站点(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/first_run_dialog.py" line="96"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/first_run_dialog.py" line="119"/>
        <source>The password needs at least 8 characters.</source>
        <translation>密码至少需要 8 个字符。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/first_run_dialog.py" line="122"/>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>GoodsRulesTab</name>
    <message>
        <location filename="../../station_app/ui/settings_goods_rules.py" line="42"/>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_goods_rules.py" line="47"/>
        <source> yuan</source>
        <translation> 元</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_goods_rules.py" line="48"/>
        <source>Reading the rules…</source>
        <translation>正在读取规则……</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_goods_rules.py" line="50"/>
        <source>Sa&amp;ve rules</source>
        <translation>保存规则(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_goods_rules.py" line="57"/>
        <source>Food and medicine must keep at least (&amp;M):</source>
        <translation>食品、药品的保质期至少还剩(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_goods_rules.py" line="58"/>
        <source>Second person confirms goods a&amp;bove:</source>
        <translation>物资估值超过此金额需第二人确认(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_goods_rules.py" line="68"/>
        <source>Only the coordinator can change these rules.</source>
        <translation>只有站点负责人可以更改这些规则。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_goods_rules.py" line="82"/>
        <source>These are the standard rules; nobody changed them.</source>
        <translation>这是默认规则，尚无人更改。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_goods_rules.py" line="85"/>
        <source>In force since {0}, set by {1}.</source>
        <translation>自 {0} 起执行，由{1}设定。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_goods_rules.py" line="107"/>
        <source>The goods rules were saved.</source>
        <translation>物资接收规则已保存。</translation>
    </message>
</context>
<context>
    <name>GoodsWindow</name>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="71"/>
        <source>Goods — {0}</source>
        <translation>物资 — {0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="73"/>
        <source>Search item or location (Ctrl+F)</source>
        <translation>搜索物品或存放位置（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="75"/>
        <source>E&amp;xpiring within 30 days only</source>
        <translation>只看 30 天内到期(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="97"/>
        <source>Receive…</source>
        <translation>接收物资…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="98"/>
        <source>Distribute…</source>
        <translation>发放…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="100"/>
        <source>To a project…</source>
        <translation>用于定向项目…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="102"/>
        <source>Transfer…</source>
        <translation>调拨…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="104"/>
        <source>Write off…</source>
        <translation>报损…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="106"/>
        <source>Stock-take…</source>
        <translation>盘点…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="116"/>
        <source>Print sheet… (Ctrl+P)</source>
        <translation>打印单据…（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="118"/>
        <source>Save as PDF (Ctrl+Shift+S)</source>
        <translation>另存为 PDF（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="120"/>
        <source>Signed sheet returned (Ctrl+M)</source>
        <translation>签字单据已交回（Ctrl+M）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="122"/>
        <source>Sheets not yet returned:</source>
        <translation>尚未交回的单据：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="172"/>
        <source>{0} lot(s) expire within 30 days or have expired.</source>
        <translation>有 {0} 批物资将在 30 天内到期或已过期。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="201"/>
        <source>Choose a lot in the list first.</source>
        <translation>请先在列表中选择一批物资。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="209"/>
        <source>No lots to count.</source>
        <translation>没有可盘点的物资。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="217"/>
        <source>Saved. Print sheet {0} for signing (Ctrl+P).</source>
        <translation>已保存。请打印单据 {0} 交领取人签字（Ctrl+P）。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="220"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="235"/>
        <location filename="../../station_app/ui/goods/goods_window.py" line="258"/>
        <location filename="../../station_app/ui/goods/goods_window.py" line="277"/>
        <source>No sheet chosen.</source>
        <translation>未选择单据。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="243"/>
        <source>Sheet {0} printed. When it comes back signed, mark it (Ctrl+M).</source>
        <translation>单据 {0} 已打印。签字交回后请标记（Ctrl+M）。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="249"/>
        <source>Pickup sheet {0}</source>
        <translation>领取单 {0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/goods_window.py" line="270"/>
        <source>Sheet saved: {0}</source>
        <translation>单据已保存：{0}</translation>
    </message>
</context>
<context>
    <name>ItemLinesEditor</name>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="72"/>
        <source>Add &amp;item</source>
        <translation>添加物资(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="74"/>
        <source>Add an item line (Ctrl+I)</source>
        <translation>添加一行物资（Ctrl+I）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="77"/>
        <source>Remo&amp;ve item</source>
        <translation>删除物资(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="95"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="96"/>
        <source>Food</source>
        <translation>食品</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="97"/>
        <source>Medicine</source>
        <translation>药品</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="100"/>
        <source>E&amp;xpires</source>
        <translation>有保质期(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="107"/>
        <source>Donor&apos;s declaration</source>
        <translation>捐赠人申报</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="108"/>
        <source>Invoice</source>
        <translation>发票价</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="109"/>
        <source>Market price</source>
        <translation>市场价</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="110"/>
        <source>Not valued (quantity only)</source>
        <translation>未估值（只登记数量）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="115"/>
        <source>e.g. shelf A</source>
        <translation>如：A 号货架</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="122"/>
        <source>Sca&amp;n code:</source>
        <translation>扫码(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="123"/>
        <source>Category (&amp;U):</source>
        <translation>类别(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="124"/>
        <source>Expiry:</source>
        <translation>保质期：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="125"/>
        <source>Valued by (&amp;Q):</source>
        <translation>估值依据(&amp;Q)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="126"/>
        <source>Kept at (&amp;J):</source>
        <translation>存放位置(&amp;J)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="185"/>
        <source>Total: —</source>
        <translation>合计：—</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="187"/>
        <source>Total: {0}</source>
        <translation>合计：{0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="224"/>
        <source>Code {0}</source>
        <translation>条码 {0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_editor.py" line="265"/>
        <source>New code {0}: type the item; it is remembered when recorded.</source>
        <translation>新条码 {0}：请输入物资名称，登记后会记住。</translation>
    </message>
</context>
<context>
    <name>ItemLinesModel</name>
    <message>
        <location filename="../../station_app/ui/item_lines_model.py" line="62"/>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_model.py" line="63"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_model.py" line="64"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/item_lines_model.py" line="65"/>
        <source>Estimated value (¥)</source>
        <translation>估值（元）</translation>
    </message>
</context>
<context>
    <name>KindPane</name>
    <message>
        <location filename="../../station_app/ui/statement_kind_pane.py" line="74"/>
        <source>&amp;Record as a donation…</source>
        <translation>补录为捐赠(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_kind_pane.py" line="75"/>
        <source>For the chosen payment (Enter)</source>
        <translation>为选中的那笔收款补录（回车）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_kind_pane.py" line="115"/>
        <source>On the statement, not recorded ({0})</source>
        <translation>对账单上有、未登记（{0}）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_kind_pane.py" line="120"/>
        <source>Recorded, not on the statement ({0})</source>
        <translation>已登记、对账单上没有（{0}）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_kind_pane.py" line="124"/>
        <source>Matched ({0})</source>
        <translation>已对上（{0}）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_kind_pane.py" line="126"/>
        <source>Refunds and money out, not donations ({0})</source>
        <translation>退款和支出，不是捐赠（{0}）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_kind_pane.py" line="134"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_kind_pane.py" line="141"/>
        <source>Nothing to reconcile: no payment and no donation.</source>
        <translation>无需对账：没有收款，也没有捐赠记录。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_kind_pane.py" line="146"/>
        <source>Statements {0} · records {1} · {2} matched, {3} not recorded, {4} not on the statement.
From: {5}</source>
        <translation>对账单 {0} · 记录 {1} · 已对上 {2} 笔，未登记 {3} 笔，对账单上没有 {4} 笔。
来源：{5}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_kind_pane.py" line="154"/>
        <source>no statement imported for this day</source>
        <translation>这一天还没有导入对账单</translation>
    </message>
</context>
<context>
    <name>LastReceiptBox</name>
    <message>
        <location filename="../../station_app/ui/last_receipt_box.py" line="25"/>
        <source>Last receipt</source>
        <translation>最近开具的收据</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/last_receipt_box.py" line="32"/>
        <source>Previe&amp;w</source>
        <translation>预览(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/last_receipt_box.py" line="35"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/last_receipt_box.py" line="39"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/last_receipt_box.py" line="72"/>
        <source>No receipt issued in this session yet.</source>
        <translation>本次登录后尚未开具收据。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../station_app/ui/login_dialog.py" line="56"/>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/login_dialog.py" line="58"/>
        <source>Desk locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/login_dialog.py" line="60"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/login_dialog.py" line="66"/>
        <source>{0} logged out. The next person chooses their name and logs in.</source>
        <translation>{0} 已注销。下一位请选择自己的姓名并登录。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/login_dialog.py" line="70"/>
        <source>The desk was locked. Log in to continue; the open form is kept.</source>
        <translation>程序已锁定。请登录后继续，未填完的表单会保留。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/login_dialog.py" line="72"/>
        <source>Choose your name and enter your password.</source>
        <translation>请选择您的姓名并输入密码。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/login_dialog.py" line="89"/>
        <source>&amp;Operator:</source>
        <translation>经办人(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/login_dialog.py" line="91"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/login_dialog.py" line="101"/>
        <source>&amp;Log in</source>
        <translation>登录(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/login_dialog.py" line="103"/>
        <source>&amp;Quit program</source>
        <translation>退出程序(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/login_dialog.py" line="103"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/login_dialog.py" line="119"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="61"/>
        <source>&amp;New donation</source>
        <translation>登记捐赠(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="64"/>
        <source>&amp;Refresh list</source>
        <translation>刷新列表(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="69"/>
        <source>&amp;Lock desk</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="71"/>
        <source>Log out / s&amp;witch user…</source>
        <translation>注销 / 切换用户(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="77"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="79"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="81"/>
        <source>Pre&amp;view receipt</source>
        <translation>预览收据(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="87"/>
        <source>Print receipt…</source>
        <translation>打印收据…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="92"/>
        <source>&amp;Details…</source>
        <translation>详情(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="94"/>
        <source>&amp;Void receipt…</source>
        <translation>作废收据(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="96"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="98"/>
        <source>S&amp;ync with the association…</source>
        <translation>与慈善会同步(&amp;Y)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="100"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="102"/>
        <source>Re&amp;ports…</source>
        <translation>报表(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="104"/>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="106"/>
        <source>&amp;Close the day…</source>
        <translation>日结(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="109"/>
        <source>Close the day and &amp;sync…</source>
        <translation>日结并同步(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="111"/>
        <source>&amp;Reopen a closed day…</source>
        <translation>重新开启已日结的日期(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="113"/>
        <source>Payment s&amp;tatements…</source>
        <translation>支付对账单(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="115"/>
        <source>&amp;Goods register…</source>
        <translation>物资台账(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="116"/>
        <source>Find a donor or receipt</source>
        <translation>查找捐赠人或收据</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="135"/>
        <source>&amp;Station</source>
        <translation>工作台(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="143"/>
        <source>Re&amp;ceipts</source>
        <translation>收据(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="145"/>
        <source>End of da&amp;y</source>
        <translation>日结与同步(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="149"/>
        <source>Stock &amp;book</source>
        <translation>物资(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="150"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_actions.py" line="153"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../station_app/ui/main_window.py" line="79"/>
        <source>Donation Station Desk — {0}</source>
        <translation>慈善捐赠站 — {0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_window.py" line="136"/>
        <source>&lt;b&gt;Donations&lt;/b&gt;</source>
        <translation>&lt;b&gt;捐赠记录&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_window.py" line="244"/>
        <source>Unsaved donation</source>
        <translation>捐赠尚未保存</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_window.py" line="245"/>
        <source>The form holds a donation that is not saved. Close and discard it?</source>
        <translation>表单里有一笔尚未保存的捐赠。要放弃它并关闭吗？</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_window.py" line="246"/>
        <source>&amp;Discard and close</source>
        <translation>放弃并关闭(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_window.py" line="247"/>
        <location filename="../../station_app/ui/main_window.py" line="275"/>
        <source>&amp;Keep working</source>
        <translation>继续工作(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_window.py" line="269"/>
        <source>Sync in progress</source>
        <translation>正在同步</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_window.py" line="271"/>
        <source>A sync is running. Closing stops it after the batch being sent; the next sync continues from there. Close now?</source>
        <translation>正在同步。关闭会在正在发送的这一批完成后停止同步，下次同步会从中断处继续。现在关闭吗？</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_window.py" line="274"/>
        <source>&amp;Stop the sync and close</source>
        <translation>停止同步并关闭(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_window.py" line="292"/>
        <source>Receipt {0} issued: {1}</source>
        <translation>已开具收据 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_window.py" line="297"/>
        <source>{0} is already closed, so this donation was recorded on the next open day, {1}.</source>
        <translation>{0} 已经日结，所以这笔捐赠记入了下一个营业日 {1}。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_window.py" line="362"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_window.py" line="364"/>
        <source>Donation Station Desk, version {0}
Records donations at community charity stations, issues signed receipts and keeps the station&apos;s ledger.</source>
        <translation>慈善捐赠站工作台，版本 {0}
为社区慈善捐赠站点登记捐赠、开具带签名的收据，并保存站点账本。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/main_window.py" line="370"/>
        <source>Not possible</source>
        <translation>无法完成</translation>
    </message>
</context>
<context>
    <name>MovementDialog</name>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="55"/>
        <source>Distribute to a household</source>
        <translation>发放给困难家庭</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="56"/>
        <source>Give to a project</source>
        <translation>用于定向项目</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="57"/>
        <source>Transfer to the association&apos;s warehouse</source>
        <translation>调拨至慈善会仓库</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="58"/>
        <source>Write off</source>
        <translation>报损</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="63"/>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="65"/>
        <source>at most {0}</source>
        <translation>最多 {0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="66"/>
        <source>&amp;Quantity</source>
        <translation>数量(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="68"/>
        <source>&amp;First-expiring lots of this item</source>
        <translation>按先到期先出，从该物资各批次取(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="69"/>
        <source>O&amp;nly this lot</source>
        <translation>只从所选批次取(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="75"/>
        <source>Take from</source>
        <translation>取自</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="88"/>
        <source>Association warehouse</source>
        <translation>慈善会仓库</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="92"/>
        <source>&amp;Recipient</source>
        <translation>领取人(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="93"/>
        <source>Household &amp;reference</source>
        <translation>家庭编号(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="97"/>
        <source>Social &amp;worker</source>
        <translation>负责社工(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="102"/>
        <source>&amp;Project</source>
        <translation>定向项目(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="104"/>
        <source>&amp;Warehouse</source>
        <translation>调入仓库(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="107"/>
        <source>Expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="108"/>
        <source>Damaged</source>
        <translation>损坏</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="109"/>
        <source>Lost</source>
        <translation>遗失</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="112"/>
        <source>&amp;Why</source>
        <translation>报损原因(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="114"/>
        <source>Re&amp;ason</source>
        <translation>说明(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="132"/>
        <source>&amp;First-expiring lots of this item ({0} lots, {1} {2})</source>
        <translation>按先到期先出，从该物资各批次取（共 {0} 批，{1} {2}）(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="152"/>
        <source>Takes:</source>
        <translation>将取：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="158"/>
        <source>{0} {1} from the lot expiring {2}</source>
        <translation>{2} 到期的批次取 {0} {1}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="162"/>
        <source>{0} {1} from a lot with no expiry date</source>
        <translation>无保质期的批次取 {0} {1}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="173"/>
        <source>Enter a positive quantity (up to 3 decimals).</source>
        <translation>请输入正数数量（最多三位小数）。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/movement_dialog.py" line="180"/>
        <source>Only {0} {1} in stock; nothing was written.</source>
        <translation>库存只有 {0} {1}，未作任何登记。</translation>
    </message>
</context>
<context>
    <name>OperatorsModel</name>
    <message>
        <location filename="../../station_app/ui/operators_model.py" line="26"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/operators_model.py" line="26"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/operators_model.py" line="26"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/operators_model.py" line="64"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/operators_model.py" line="64"/>
        <source>Switched off</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>ReceiptCommands</name>
    <message>
        <location filename="../../station_app/ui/receipt_commands.py" line="61"/>
        <source>Receipt not printed</source>
        <translation>收据未打印</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/receipt_commands.py" line="88"/>
        <source>Receipt {0} printed (copy {1}).</source>
        <translation>收据 {0} 已打印（第 {1} 份）。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/receipt_commands.py" line="96"/>
        <source>Not possible</source>
        <translation>无法进行</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/receipt_commands.py" line="126"/>
        <source>Receipt {0} is void.</source>
        <translation>收据 {0} 已作废。</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinting</name>
    <message>
        <location filename="../../station_app/ui/printing/receipt_printing.py" line="93"/>
        <source>Print a copy?</source>
        <extracomment>A PDF was produced (number, pdf bytes) — before any dialog is shown. A copy was printed or saved and counted (number, new print count). Something was refused or failed (the exception); the window shows it. A dialog was opened (for tests and screenshots).</extracomment>
        <translation>打印副本？</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/printing/receipt_printing.py" line="95"/>
        <source>Receipt {0} has already been printed {1} time(s). This prints copy {2}, marked 补打 / COPY, not a second original.</source>
        <translation>收据 {0} 已打印 {1} 次。这次打印的是第 {2} 份，标有“补打 / COPY”，不是第二张原件。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/printing/receipt_printing.py" line="101"/>
        <source>Print the &amp;copy</source>
        <translation>打印补打件(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/printing/receipt_printing.py" line="102"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/printing/receipt_printing.py" line="126"/>
        <source>Receipt {0}</source>
        <translation>收据 {0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/printing/receipt_printing.py" line="128"/>
        <source>Receipt {0}: copy {1} (补打 / COPY)</source>
        <translation>收据 {0}：第 {1} 份（补打 / COPY）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/printing/receipt_printing.py" line="133"/>
        <source>Print receipt {0}</source>
        <translation>打印收据 {0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/printing/receipt_printing.py" line="140"/>
        <source>Save receipt as PDF</source>
        <translation>将收据保存为 PDF</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/printing/receipt_printing.py" line="142"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="51"/>
        <source>Receive goods</source>
        <translation>接收物资</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="61"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="62"/>
        <source>Food</source>
        <translation>食品</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="63"/>
        <source>Medicine</source>
        <translation>药品</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="66"/>
        <source>Has an &amp;expiry date</source>
        <translation>有保质期(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="72"/>
        <source>Not valued (quantity only)</source>
        <translation>未估值（只登记数量）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="73"/>
        <source>Invoice</source>
        <translation>发票价</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="74"/>
        <source>Market price</source>
        <translation>市场价</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="75"/>
        <source>Donor&apos;s declaration</source>
        <translation>捐赠人申报</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="81"/>
        <source>A&amp;nonymous</source>
        <translation>匿名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="83"/>
        <source>&amp;Barcode</source>
        <translation>条码(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="88"/>
        <source>&amp;Item</source>
        <translation>物品(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="89"/>
        <source>&amp;Quantity</source>
        <translation>数量(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="90"/>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="91"/>
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="93"/>
        <source>&amp;Valued by</source>
        <translation>估值依据(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="94"/>
        <source>Va&amp;lue (yuan)</source>
        <translation>估值（元）(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="95"/>
        <source>&amp;Kept at</source>
        <translation>存放位置(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="96"/>
        <source>&amp;Donor</source>
        <translation>捐赠人(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/receive_dialog.py" line="126"/>
        <source>A new code: type the item; it is remembered when saved.</source>
        <translation>新条码：请输入物资名称，保存后会记住。</translation>
    </message>
</context>
<context>
    <name>RecordPaymentDialog</name>
    <message>
        <location filename="../../station_app/ui/record_payment_dialog.py" line="54"/>
        <source>Record the payment as a donation</source>
        <translation>把这笔收款补录为捐赠</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/record_payment_dialog.py" line="57"/>
        <source>{0} paid {1} on {2} (transaction no. {3}).</source>
        <translation>{0}于 {2} 收款 {1}（交易单号 {3}）。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/record_payment_dialog.py" line="67"/>
        <source>Leave empty for an anonymous donor</source>
        <translation>不填则为匿名捐赠</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/record_payment_dialog.py" line="81"/>
        <source>&amp;Donor:</source>
        <translation>捐赠人(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/record_payment_dialog.py" line="82"/>
        <source>Desi&amp;gnation:</source>
        <translation>定向(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/record_payment_dialog.py" line="83"/>
        <source>Recorded &amp;by:</source>
        <translation>登记人(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/record_payment_dialog.py" line="84"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/record_payment_dialog.py" line="90"/>
        <source>&amp;Record and issue receipt</source>
        <translation>登记并开具收据(&amp;R)</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../station_app/ui/recovery_dialog.py" line="62"/>
        <source>Choose a backup</source>
        <extracomment>How to run the (slow) restore: ``run(fn, on_done, on_error)``; the desk passes its writer pool, so the window stays responsive; tests may run it in place.</extracomment>
        <translation>选择备份</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/recovery_dialog.py" line="64"/>
        <source>Station backups (*.sqlite3);;All files (*)</source>
        <translation>站点备份 (*.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/recovery_dialog.py" line="93"/>
        <source>The station database is damaged</source>
        <translation>站点数据库已损坏</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/recovery_dialog.py" line="97"/>
        <source>The program found a problem with this station&apos;s database and did not open it, so that no record is lost or overwritten.</source>
        <translation>程序发现本站点的数据库有问题，因此没有打开它，以免记录丢失或被覆盖。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/recovery_dialog.py" line="104"/>
        <source>The damaged file was kept, unchanged, as:
{0}</source>
        <translation>损坏的文件已原样保留为：
{0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/recovery_dialog.py" line="112"/>
        <source>The newest good backup is from {0} ({1} ledger entries). Records made after it are not in it.</source>
        <translation>最新的完好备份来自 {0}（账本 {1} 条）。此后登记的记录不在其中。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/recovery_dialog.py" line="117"/>
        <source>No good backup was found in {0}. Choose a backup file (for example from a USB stick), or quit and call the IT helper.</source>
        <translation>在 {0} 中没有找到完好的备份。请选择一个备份文件（例如 U 盘中的），或退出程序并联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/recovery_dialog.py" line="132"/>
        <source>Coordinator&apos;s &amp;name:</source>
        <translation>站点负责人姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/recovery_dialog.py" line="134"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/recovery_dialog.py" line="139"/>
        <source>&amp;Restore the newest good backup</source>
        <translation>恢复最新的完好备份(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/recovery_dialog.py" line="142"/>
        <source>&amp;Choose a backup…</source>
        <translation>选择备份(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/recovery_dialog.py" line="144"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/recovery_dialog.py" line="173"/>
        <source>Only the coordinator can restore: enter their name and password.</source>
        <translation>只有站点负责人可以恢复备份：请输入其姓名和密码。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/recovery_dialog.py" line="179"/>
        <source>Restoring and checking the backup… this can take a minute.</source>
        <translation>正在恢复并检查备份…可能需要一分钟。</translation>
    </message>
</context>
<context>
    <name>ReopenDayDialog</name>
    <message>
        <location filename="../../station_app/ui/reopen_day_dialog.py" line="49"/>
        <source>Reopen a closed day</source>
        <translation>重新开启已日结的日期</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reopen_day_dialog.py" line="52"/>
        <source>Reopening lets records and voids be dated into the day again. It is written to the ledger with your name and the reason; close the day again afterwards.</source>
        <translation>重新开启后，这一天又可以登记捐赠和作废收据。此操作会连同您的姓名和原因记入账本；处理完毕后请再次日结。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reopen_day_dialog.py" line="67"/>
        <source>Required: why the day is reopened</source>
        <translation>必填：为什么要重新开启</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reopen_day_dialog.py" line="69"/>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reopen_day_dialog.py" line="69"/>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reopen_day_dialog.py" line="76"/>
        <source>&amp;Reopen the day</source>
        <translation>重新开启(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reopen_day_dialog.py" line="78"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reopen_day_dialog.py" line="107"/>
        <source>{0} was closed at {1} by {2}, confirmed by {3}.</source>
        <translation>{0} 于 {1} 由{2}日结，{3}确认。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reopen_day_dialog.py" line="117"/>
        <source>{0} is not closed; there is nothing to reopen.</source>
        <translation>{0} 没有日结，无需重新开启。</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="75"/>
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="76"/>
        <source>By week</source>
        <translation>按周</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="77"/>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="78"/>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="82"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="82"/>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="93"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="94"/>
        <source>Kind</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="95"/>
        <source>Designation</source>
        <translation>定向</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="96"/>
        <source>Operator</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="100"/>
        <source>By period</source>
        <translation>按期间</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="101"/>
        <source>By kind</source>
        <translation>按方式</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="102"/>
        <source>By designation</source>
        <translation>按定向</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="103"/>
        <source>By operator</source>
        <translation>按经办人</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="116"/>
        <source>Donations by period (yuan)</source>
        <translation>各期间捐赠（元）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="124"/>
        <source>Save chart as PNG…</source>
        <translation>将图表保存为 PNG…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="125"/>
        <source>Export list as CSV…</source>
        <translation>导出列表为 CSV…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="126"/>
        <source>Export list as Excel…</source>
        <translation>导出列表为 Excel…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="127"/>
        <source>Monthly report PDF…</source>
        <translation>月度报表 PDF…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="128"/>
        <source>Disclosure sheet PDF…</source>
        <translation>公示表 PDF…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="151"/>
        <source>Saved: {0}</source>
        <translation>已保存：{0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="172"/>
        <source>{0} donations, {1}; {2} receipts issued, {3} voided ({4}), {5} reprints</source>
        <translation>共 {0} 笔捐赠，{1}；开具收据 {2} 张，作废 {3} 张（{4}），补打 {5} 次</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="192"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="226"/>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="234"/>
        <source>Export list</source>
        <translation>导出列表</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="251"/>
        <source>Monthly report</source>
        <translation>月度报表</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/reports_view.py" line="263"/>
        <source>Disclosure sheet</source>
        <translation>公示表</translation>
    </message>
</context>
<context>
    <name>ScanField</name>
    <message>
        <location filename="../../station_app/ui/goods/scan_field.py" line="41"/>
        <source>Scan or type the code, then Enter</source>
        <translation>扫码或输入条码后按回车</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="92"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="94"/>
        <source>&amp;General</source>
        <translation>常规(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="95"/>
        <source>S&amp;tation</source>
        <translation>站点(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="96"/>
        <source>My &amp;password</source>
        <translation>我的密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="102"/>
        <source>&amp;Accounts</source>
        <translation>账号(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="106"/>
        <source>&amp;Goods rules</source>
        <translation>物资规则(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="110"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="111"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="136"/>
        <source>System default printer</source>
        <translation>系统默认打印机</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="143"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="144"/>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="151"/>
        <source>&amp;Language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="152"/>
        <source>Text si&amp;ze:</source>
        <translation>文字大小(&amp;Z)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="153"/>
        <source>Receipt &amp;layout:</source>
        <translation>收据版式(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="154"/>
        <source>&amp;Printer:</source>
        <translation>打印机(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="155"/>
        <source>Lock after &amp;idle:</source>
        <translation>闲置后锁定(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="160"/>
        <source>A new language applies when this window closes.</source>
        <translation>新的界面语言在关闭本窗口后生效。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="169"/>
        <source>Station code:</source>
        <translation>站点编码：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="170"/>
        <source>Station name:</source>
        <translation>站点名称：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="171"/>
        <source>District:</source>
        <translation>所在区：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="172"/>
        <source>Association:</source>
        <translation>慈善会：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="186"/>
        <source>Association URL:</source>
        <translation>慈善会网址：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="189"/>
        <source>These were fixed when the station was enrolled; the association changes them when it enrols the station again.</source>
        <translation>这些信息在站点登记时确定；如需修改，由慈善会重新登记站点。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="194"/>
        <source>Not enrolled yet: the address above is the city association&apos;s, where the station will enrol. Until then receipts&apos; QR codes point there too.</source>
        <translation>本站尚未登记：上面是本市慈善会的网址，本站将在那里登记。在此之前，收据二维码也指向这个网址。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="204"/>
        <source>Enrolment with the association</source>
        <translation>在慈善会登记</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="206"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="216"/>
        <source>From the association; used once</source>
        <translation>由慈善会提供，只能使用一次</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="217"/>
        <source>&amp;Enrol</source>
        <translation>登记(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="223"/>
        <source>Enrolment &amp;code:</source>
        <translation>登记码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="244"/>
        <source>This station is enrolled and can sync with the association.</source>
        <translation>本站已在慈善会登记，可以同步。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="249"/>
        <source>This station is not enrolled yet: it works offline. A coordinator enrols it here with the association&apos;s one-time code.</source>
        <translation>本站点尚未登记，可离线使用。请站点负责人在此用慈善会提供的一次性登记码登记。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="256"/>
        <source>This station is not enrolled yet. Enter the one-time enrolment code the association gave you, then press Enrol.</source>
        <translation>本站尚未在慈善会登记。请输入慈善会提供的一次性登记码，然后点击“登记”。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="267"/>
        <source>Enter the enrolment code first.</source>
        <translation>请先输入登记码。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="271"/>
        <source>Contacting the association…</source>
        <translation>正在联系慈善会…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="286"/>
        <source>Enrolled: the association accepted station {0}. It can sync now.</source>
        <translation>登记成功：慈善会已接受站点 {0}，现在可以同步了。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="317"/>
        <source>&amp;Change my password</source>
        <translation>修改我的密码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="323"/>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="324"/>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="325"/>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="333"/>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/settings_dialog.py" line="341"/>
        <source>Your password was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
</context>
<context>
    <name>SideWindows</name>
    <message>
        <location filename="../../station_app/ui/side_windows.py" line="114"/>
        <source>Reports — {0}</source>
        <translation>报表 — {0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/side_windows.py" line="115"/>
        <source>Saved: {0}</source>
        <translation>已保存：{0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/side_windows.py" line="116"/>
        <source>Not saved</source>
        <translation>未能保存</translation>
    </message>
</context>
<context>
    <name>StatementModels</name>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="40"/>
        <source>WeChat Pay</source>
        <extracomment>The row&apos;s value object (a StatementLineView, RecordedView or MatchedPair).</extracomment>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="41"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="42"/>
        <source>Bank</source>
        <translation>银行</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="49"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="51"/>
        <source>Money out</source>
        <translation>支出</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="52"/>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="120"/>
        <location filename="../../station_app/ui/statement_models.py" line="166"/>
        <source>Paid at</source>
        <extracomment>Columns holding amounts (right-aligned).</extracomment>
        <translation>付款时间</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="121"/>
        <location filename="../../station_app/ui/statement_models.py" line="146"/>
        <location filename="../../station_app/ui/statement_models.py" line="167"/>
        <location filename="../../station_app/ui/statement_models.py" line="197"/>
        <location filename="../../station_app/ui/statement_models.py" line="259"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="122"/>
        <location filename="../../station_app/ui/statement_models.py" line="148"/>
        <location filename="../../station_app/ui/statement_models.py" line="175"/>
        <location filename="../../station_app/ui/statement_models.py" line="198"/>
        <source>Transaction no.</source>
        <translation>交易单号</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="123"/>
        <source>Payer</source>
        <translation>付款人</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="124"/>
        <source>Statement</source>
        <translation>对账单</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="144"/>
        <location filename="../../station_app/ui/statement_models.py" line="168"/>
        <source>Receipt no.</source>
        <translation>收据编号</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="145"/>
        <location filename="../../station_app/ui/statement_models.py" line="169"/>
        <source>Recorded at</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="147"/>
        <source>Donor</source>
        <translation>捐赠人</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="170"/>
        <source>Matched by</source>
        <translation>对上依据</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="177"/>
        <source>Amount and time</source>
        <translation>金额和时间</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="195"/>
        <location filename="../../station_app/ui/statement_models.py" line="258"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="196"/>
        <source>What</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="257"/>
        <source>Unmatched</source>
        <translation>未对上</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="260"/>
        <source>Receipt or transaction no.</source>
        <translation>收据编号或交易单号</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="261"/>
        <source>Explanation (required)</source>
        <translation>说明（必填）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="267"/>
        <source>{0}: on the statement, not recorded</source>
        <translation>{0}：对账单上有、未登记</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statement_models.py" line="271"/>
        <source>{0}: recorded, not on the statement</source>
        <translation>{0}：已登记、对账单上没有</translation>
    </message>
</context>
<context>
    <name>StatementsWindow</name>
    <message>
        <location filename="../../station_app/ui/statements_window.py" line="75"/>
        <source>Payment statements</source>
        <translation>支付对账单</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statements_window.py" line="82"/>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statements_window.py" line="84"/>
        <source>&amp;Import a statement…</source>
        <translation>导入对账单(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statements_window.py" line="86"/>
        <source>WeChat Pay bill, Alipay business details or a bank statement (Ctrl+O)</source>
        <translation>微信支付交易账单、支付宝业务明细或银行对账单（Ctrl+O）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statements_window.py" line="90"/>
        <source>&amp;Keep a copy of the file in the data folder</source>
        <translation>在数据文件夹中保留文件副本(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statements_window.py" line="91"/>
        <source>Set up a &amp;bank&apos;s columns…</source>
        <translation>设置银行对账单的列(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statements_window.py" line="155"/>
        <source>Import a statement</source>
        <translation>导入对账单</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statements_window.py" line="157"/>
        <source>Statements (*.csv *.zip *.xlsx *.gz *.txt);;All files (*)</source>
        <translation>对账单 (*.csv *.zip *.xlsx *.gz *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statements_window.py" line="162"/>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statements_window.py" line="200"/>
        <source>Imported {0} ({1}): {2} payments, {3}; {4} refunds, {5}; days {6}.</source>
        <translation>已导入{0}（{1}）：收款 {2} 笔，{3}；退款 {4} 笔，{5}；日期 {6}。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statements_window.py" line="210"/>
        <source>{0} lines were already known from an earlier statement.</source>
        <translation>其中 {0} 笔已在之前导入的对账单中。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statements_window.py" line="214"/>
        <source>A copy is kept as {0}.</source>
        <translation>副本已保存为 {0}。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statements_window.py" line="239"/>
        <source>Columns saved; importing the file again…</source>
        <translation>列已保存，正在重新导入文件…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/statements_window.py" line="262"/>
        <source>Receipt {0} issued for {1}.</source>
        <translation>已为 {1} 开具收据 {0}。</translation>
    </message>
</context>
<context>
    <name>StationStatusBar</name>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="43"/>
        <location filename="../../station_app/ui/status_bar.py" line="117"/>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="58"/>
        <source>Operator: {0} ({1})</source>
        <translation>经办人：{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="62"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="71"/>
        <source>Offline · retrying in {0} s</source>
        <translation>离线 · {0} 秒后重试</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="84"/>
        <source>Status unavailable</source>
        <translation>状态暂不可用</translation>
    </message>
    <message numerus="yes">
        <location filename="../../station_app/ui/status_bar.py" line="90"/>
        <source>Waiting to sync: %n record(s)</source>
        <translation>
            <numerusform>待同步：%n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="93"/>
        <source>Last sync: {0}</source>
        <translation>上次同步：{0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="96"/>
        <source>Last sync: never</source>
        <translation>上次同步：从未</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="99"/>
        <source>Day {0} closed; new records go to {1}</source>
        <translation>{0} 已日结，新记录记入 {1}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="104"/>
        <source>Business day {0} (open)</source>
        <translation>营业日 {0}（未日结）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="111"/>
        <source>Not enrolled · working offline</source>
        <translation>未登记 · 离线工作</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="113"/>
        <source>Everything is kept on this PC. A coordinator enrols the station in Settings with the association&apos;s one-time code; the first sync then uploads it all.</source>
        <translation>所有记录都保存在本机。站点负责人在“设置”中用慈善会提供的一次性登记码登记本站，首次同步时会上传全部记录。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="118"/>
        <source>This station has not tried to sync with the association yet.</source>
        <translation>本站还没有与慈善会同步过。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="120"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="121"/>
        <source>The last sync, at {0}, reached the association.</source>
        <translation>上次同步（{0}）已连上慈善会。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="123"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="125"/>
        <source>The last sync attempt, at {0}, could not reach the association. Nothing is lost; sync again later.</source>
        <translation>上次同步（{0}）没能连上慈善会。记录不会丢失，请稍后再同步。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="129"/>
        <source>Last sync cancelled</source>
        <translation>上次同步已取消</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="130"/>
        <source>The last sync was cancelled at {0}.</source>
        <translation>上次同步于 {0} 被取消。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="132"/>
        <source>Server not verified</source>
        <translation>服务器未通过验证</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="134"/>
        <source>At {0} the server at the association&apos;s address could not prove it is the association (its certificate did not verify), so nothing was sent. Check this PC&apos;s date and time, then open the Sync window.</source>
        <translation>{0} 同步时，无法确认慈善会网址上的服务器是市慈善会的（证书未通过验证），因此什么也没有发送。请检查本机的日期和时间，再打开“同步”窗口查看。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="139"/>
        <source>Sync refused</source>
        <translation>同步被拒绝</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/status_bar.py" line="141"/>
        <source>The association refused the last sync, at {0}. Open the Sync window to see what to do.</source>
        <translation>慈善会拒绝了上次同步（{0}）。请打开“同步”窗口查看处理办法。</translation>
    </message>
</context>
<context>
    <name>StockModel</name>
    <message>
        <location filename="../../station_app/ui/goods/stock_model.py" line="54"/>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stock_model.py" line="55"/>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stock_model.py" line="56"/>
        <source>Expires</source>
        <translation>保质期至</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stock_model.py" line="57"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stock_model.py" line="58"/>
        <source>Location</source>
        <translation>存放位置</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stock_model.py" line="59"/>
        <source>Value on hand</source>
        <translation>库存估值</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stock_model.py" line="64"/>
        <source>Food</source>
        <translation>食品</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stock_model.py" line="64"/>
        <source>Medicine</source>
        <translation>药品</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stock_model.py" line="65"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stock_model.py" line="85"/>
        <source>Not valued</source>
        <translation>未估值</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stock_model.py" line="90"/>
        <source>Expired: write it off</source>
        <translation>已过期：请报损</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stock_model.py" line="91"/>
        <source>Expires within 30 days: hand it out first</source>
        <translation>30 天内到期：请优先发放</translation>
    </message>
</context>
<context>
    <name>StockTakeDialog</name>
    <message>
        <location filename="../../station_app/ui/goods/stocktake_dialog.py" line="46"/>
        <source>Stock-take</source>
        <translation>盘点</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stocktake_dialog.py" line="49"/>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stocktake_dialog.py" line="49"/>
        <source>Book</source>
        <translation>账面</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stocktake_dialog.py" line="49"/>
        <source>Counted</source>
        <translation>实盘</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stocktake_dialog.py" line="49"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stocktake_dialog.py" line="73"/>
        <source>Second &amp;counter</source>
        <translation>第二位盘点人(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stocktake_dialog.py" line="74"/>
        <source>Their &amp;password</source>
        <translation>其密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/goods/stocktake_dialog.py" line="110"/>
        <source>Row {0}: the count must be a number.</source>
        <translation>第 {0} 行：实盘数量应为数字。</translation>
    </message>
</context>
<context>
    <name>SyncHistoryModel</name>
    <message>
        <location filename="../../station_app/ui/sync_history_model.py" line="24"/>
        <source>Started</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_history_model.py" line="25"/>
        <source>Finished</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_history_model.py" line="26"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_history_model.py" line="27"/>
        <source>Entries sent</source>
        <translation>发送条数</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_history_model.py" line="28"/>
        <source>Acknowledged up to</source>
        <translation>确认至第几条</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="82"/>
        <source>Sync with the association</source>
        <translation>与慈善会同步</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="87"/>
        <source>Sends this station&apos;s records to the association, in order and exactly once. Records already received are never sent twice; an interrupted sync continues where it stopped.</source>
        <translation>把本站的记录按顺序发送给慈善会，每条只发送一次。慈善会已收到的记录不会重复发送；同步中断后，下次会从中断处继续。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="95"/>
        <source>This station is not enrolled with the association yet, so it cannot sync. The coordinator enters the enrolment code from the association in Settings → Station; until then everything is kept here.</source>
        <translation>本站尚未在市慈善会登记，暂时无法同步。请站点负责人在“设置 → 站点”中输入市慈善会提供的登记码；在此之前，所有记录都完好保存在本机。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="124"/>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="128"/>
        <source>&amp;Cancel sync</source>
        <translation>取消同步(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="131"/>
        <source>C&amp;lose</source>
        <translation>关闭(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="135"/>
        <source>S&amp;top retrying</source>
        <translation>停止自动重试(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="148"/>
        <source>Recent syncs</source>
        <translation>最近的同步</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="151"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="193"/>
        <source>(no address yet)</source>
        <translation>（尚未设置地址）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../station_app/ui/sync_panel.py" line="233"/>
        <source>The association has acknowledged {0} of this station&apos;s {1} records; %n waiting to be sent.</source>
        <translation>
            <numerusform>慈善会已确认收到本站 {1} 条记录中的 {0} 条；还有 %n 条等待发送。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="242"/>
        <source>This station has not synced yet.</source>
        <translation>本站还没有同步过。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="246"/>
        <source>Last sync {0}: {1}.</source>
        <translation>上次同步 {0}：{1}。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="256"/>
        <source>A sync is already running; wait for it to finish.</source>
        <translation>同步正在进行，请等它结束。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="261"/>
        <source>Cancelling… the batch being sent is finished first, so nothing is lost.</source>
        <translation>正在取消…正在发送的这一批会先发完，记录不会丢失。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="277"/>
        <source>Syncing… connecting to the association.</source>
        <translation>正在同步…正在连接慈善会。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="286"/>
        <location filename="../../station_app/ui/sync_panel.py" line="303"/>
        <source>Sent {0} records in this sync; the association holds {1} of {2}.</source>
        <translation>本次已发送 {0} 条记录；慈善会已收到 {2} 条中的 {1} 条。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="291"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/sync_panel.py" line="330"/>
        <source>The program will try again by itself in {0} s.</source>
        <translation>程序将在 {0} 秒后自动重试。</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../station_app/ui/texts.py" line="23"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="24"/>
        <source>Mobile payment</source>
        <translation>移动支付</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="25"/>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="26"/>
        <source>In-kind goods</source>
        <translation>物资</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="33"/>
        <source>Staff</source>
        <translation>站点工作人员</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="34"/>
        <source>Social worker</source>
        <translation>社工</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="35"/>
        <source>Coordinator</source>
        <translation>站点负责人</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="42"/>
        <source>Void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="43"/>
        <source>Issued</source>
        <translation>已开具</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="48"/>
        <source>A5 sheet</source>
        <translation>A5 纸</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="49"/>
        <source>80 mm receipt roll</source>
        <translation>80 毫米热敏卷纸</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="58"/>
        <source>Undesignated</source>
        <translation>非定向捐赠</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="63"/>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="79"/>
        <source>Something went wrong; the details were written to the log file.</source>
        <translation>出现了意外问题，详细信息已写入日志文件。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="87"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="88"/>
        <source>Could not connect</source>
        <translation>未能连接</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="89"/>
        <source>Refused by the association</source>
        <translation>被慈善会拒绝</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="90"/>
        <source>Stopped: ledgers differ</source>
        <translation>已停止：账本不一致</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="91"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="92"/>
        <source>Another sync was running</source>
        <translation>另一次同步正在进行</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="93"/>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="94"/>
        <source>Not enrolled</source>
        <translation>未登记</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="95"/>
        <source>Server certificate not trusted</source>
        <translation>服务器证书无法验证</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/texts.py" line="98"/>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
</context>
<context>
    <name>TodayPanel</name>
    <message>
        <location filename="../../station_app/ui/today_panel.py" line="24"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/today_panel.py" line="36"/>
        <source>Donations:</source>
        <translation>捐赠笔数：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/today_panel.py" line="37"/>
        <source>By kind:</source>
        <translation>按方式：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/today_panel.py" line="38"/>
        <source>Cash in the box:</source>
        <translation>钱箱应有现金：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/today_panel.py" line="39"/>
        <source>Not yet synced:</source>
        <translation>尚未同步：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/today_panel.py" line="53"/>
        <source>Today ({0})</source>
        <translation>今日（{0}）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../station_app/ui/today_panel.py" line="55"/>
        <source>%n donation(s), {0}</source>
        <translation>
            <numerusform>%n 笔，合计 {0}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../station_app/ui/today_panel.py" line="57"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message numerus="yes">
        <location filename="../../station_app/ui/today_panel.py" line="68"/>
        <source>%n donation(s)</source>
        <translation>
            <numerusform>%n 笔捐赠</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../station_app/ui/today_panel.py" line="70"/>
        <source>%n record(s) in all</source>
        <translation>
            <numerusform>共 %n 条记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TotalsModel</name>
    <message>
        <location filename="../../station_app/ui/totals_model.py" line="53"/>
        <source>Donations</source>
        <translation>捐赠记录</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/totals_model.py" line="53"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../../station_app/ui/void_dialog.py" line="41"/>
        <source>Void receipt {0}</source>
        <translation>作废收据 {0}</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/void_dialog.py" line="44"/>
        <source>The receipt keeps its number and is marked void for good. This cannot be undone.</source>
        <translation>收据保留编号并永久标记为作废，此操作不能撤销。</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/void_dialog.py" line="54"/>
        <source>Choose a common reason, or type one below</source>
        <translation>选择常用原因，或在下面填写</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/void_dialog.py" line="58"/>
        <source>&amp;Common reasons:</source>
        <translation>常用原因(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/void_dialog.py" line="62"/>
        <source>Why is this receipt void? (required, at least {0} characters)</source>
        <translation>为什么作废这张收据？（必填，至少 {0} 个字）</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/void_dialog.py" line="67"/>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/void_dialog.py" line="74"/>
        <source>&amp;Void receipt</source>
        <translation>作废收据(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/void_dialog.py" line="76"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/void_reasons.py" line="15"/>
        <source>Wrong amount entered</source>
        <translation>金额录入错误</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/void_reasons.py" line="16"/>
        <source>Recorded twice by mistake</source>
        <translation>误重复登记</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/void_reasons.py" line="17"/>
        <source>Wrong donor or designation entered</source>
        <translation>捐赠人或定向录入错误</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/void_reasons.py" line="18"/>
        <source>The payment did not arrive</source>
        <translation>款项未到账</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/void_reasons.py" line="19"/>
        <source>The donor withdrew the gift</source>
        <translation>捐赠人撤回捐赠</translation>
    </message>
</context>
<context>
    <name>Zoom</name>
    <message>
        <location filename="../../station_app/ui/zoom.py" line="101"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/zoom.py" line="104"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/zoom.py" line="107"/>
        <source>&amp;Actual size</source>
        <translation>原始大小(&amp;A)</translation>
    </message>
</context>
<context>
    <name>_StartPage</name>
    <message>
        <location filename="../../station_app/ui/desk_frame.py" line="38"/>
        <source>Donation Station Desk</source>
        <translation>慈善捐赠站</translation>
    </message>
    <message>
        <location filename="../../station_app/ui/desk_frame.py" line="43"/>
        <source>Opening the station…</source>
        <translation>正在打开站点数据…</translation>
    </message>
</context>
</TS>
