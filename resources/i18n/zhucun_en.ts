<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="91"/>
        <source>添加队员</source>
        <translation>Add team member</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="91"/>
        <source>队员用自己的姓名和密码解锁这台电脑上的数据库。请让队员本人输入密码。</source>
        <translation>Team members unlock the database on this computer with their own name and passphrase. Let the new member type the passphrase themselves.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="92"/>
        <location filename="../../app/ui/settings/settings_page.py" line="125"/>
        <location filename="../../app/ui/settings/settings_page.py" line="132"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="97"/>
        <source>采集员</source>
        <translation>Collector</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="98"/>
        <source>队长</source>
        <translation>Team leader</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="99"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="100"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="102"/>
        <source>密码</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="102"/>
        <source>再输一次</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="117"/>
        <source>只有队长可以添加队员。</source>
        <translation>Only the team leader can add team members.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="120"/>
        <source>正在添加…</source>
        <translation>Adding...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="135"/>
        <source>已经有一位叫“{0}”的用户。</source>
        <translation>There is already a user called “{0}”.</translation>
    </message>
</context>
<context>
    <name>AutoSync</name>
    <message>
        <location filename="../../app/ui/mainwindow/autosync.py" line="229"/>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/autosync.py" line="231"/>
        <source>同步失败：{0}</source>
        <translation>Sync failed: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/autosync.py" line="233"/>
        <source>，将于 {0} 重试</source>
        <translation>, will retry at {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/autosync.py" line="236"/>
        <source>已同步 {0}</source>
        <translation>Synced {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/autosync.py" line="237"/>
        <source>待同步 {0} 条</source>
        <translation>{0} to sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/autosync.py" line="239"/>
        <source> · 未连上县服务器，{0} 再试</source>
        <translation> · county server not reachable, trying again at {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/autosync.py" line="241"/>
        <source> · 自动同步已关闭</source>
        <translation> · auto-sync is off</translation>
    </message>
</context>
<context>
    <name>BlankFormDialog</name>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="108"/>
        <source>打印空白表单</source>
        <translation>Print blank form</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="109"/>
        <location filename="../../app/ui/printing/print_other.py" line="141"/>
        <source>空白表单</source>
        <translation>Blank form</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="115"/>
        <source>{0}（版本 {1}）</source>
        <translation>{0} (version {1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="124"/>
        <source> 份</source>
        <translation> copies</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="127"/>
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="130"/>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="133"/>
        <source>纸质表单与电脑上的表单逐题对应，填好后可照着录入。</source>
        <translation>The paper form matches the digital one question by question, so it can be typed in afterwards.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="142"/>
        <source>空白表单_{0}</source>
        <translation>Blank form_{0}</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="241"/>
        <source>新建全覆盖排查</source>
        <translation>New full-coverage screening</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="244"/>
        <source>{0}年上半年全覆盖排查</source>
        <translation>Full-coverage screening, first half of {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="244"/>
        <source>{0}年下半年全覆盖排查</source>
        <translation>Full-coverage screening, second half of {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="245"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="246"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="247"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="248"/>
        <source>范围（村民小组）</source>
        <translation>Scope (village groups)</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="249"/>
        <source>空白为全村；多个小组用逗号分开</source>
        <translation>Blank for the whole village; separate several groups with commas</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="250"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>CaseState</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="13"/>
        <source>风险线索</source>
        <translation>Risk clue</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="14"/>
        <source>核查未纳入</source>
        <translation>Checked, not included</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="15"/>
        <source>已识别纳入</source>
        <translation>Identified</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="16"/>
        <source>帮扶中</source>
        <translation>Being helped</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="17"/>
        <source>风险已消除</source>
        <translation>Risk eliminated</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="18"/>
        <source>回头看稳定</source>
        <translation>Stable after follow-up</translation>
    </message>
</context>
<context>
    <name>CaseStepDialog</name>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="136"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="151"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="136"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="149"/>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="137"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="237"/>
        <source>监测对象类别</source>
        <translation>Monitoring category</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="137"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="242"/>
        <source>风险类型</source>
        <translation>Risk types</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="138"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="252"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="265"/>
        <source>帮扶措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="138"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="139"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="270"/>
        <source>消除方式</source>
        <translation>Elimination method</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="139"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="301"/>
        <source>回头看结果</source>
        <translation>Follow-up result</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="139"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="243"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="298"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="310"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="140"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="224"/>
        <source>线索来源</source>
        <translation>Clue source</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="140"/>
        <source>人均纯收入</source>
        <translation>Per-capita net income</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="141"/>
        <source>监测收入基准线</source>
        <translation>Monitoring income baseline</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="141"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="297"/>
        <source>劳动能力</source>
        <translation>Labour capacity</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="142"/>
        <source>三保障</source>
        <translation>Three guarantees</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="142"/>
        <source>饮水安全</source>
        <translation>Safe water</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="169"/>
        <source>{0} 户 · {1}</source>
        <translation>{0}&apos;s household · {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="225"/>
        <source>可能的风险</source>
        <translation>Possible risks</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="226"/>
        <source>线索情况</source>
        <translation>Clue details</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="226"/>
        <source>发现了什么风险，从哪里得知</source>
        <translation>What risk was found, and how you learned of it</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="229"/>
        <source>核查情况</source>
        <translation>Check findings</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="229"/>
        <source>入户核查了解到的家庭收入、支出、三保障和饮水情况</source>
        <translation>Income, spending, the three guarantees and drinking water, as found at the household check</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="233"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="263"/>
        <source>请选择</source>
        <translation>Choose...</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="243"/>
        <source>民主评议、公示、审核等情况（可不填）</source>
        <translation>Democratic review, public notice, approvals and so on (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="246"/>
        <source>未纳入理由</source>
        <translation>Why not included</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="246"/>
        <source>例如：经核查，收入稳定，三保障和饮水有保障</source>
        <translation>e.g. Checked: income is stable; the three guarantees and drinking water are secured</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="254"/>
        <source>帮扶计划</source>
        <translation>Help plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="254"/>
        <source>措施内容、责任人、完成时间（可不填）</source>
        <translation>Measures, who is responsible, when they will be done (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="267"/>
        <source>措施内容</source>
        <translation>Measure details</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="267"/>
        <source>例如：安排村保洁公益岗位</source>
        <translation>e.g. a public-welfare post as village cleaner</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="272"/>
        <source>“三保障”已落实</source>
        <translation>Three guarantees secured</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="274"/>
        <source>饮水安全有保障</source>
        <translation>Safe drinking water secured</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="281"/>
        <source>保障情况</source>
        <translation>Guarantees</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="286"/>
        <source>最近一次核算：人均纯收入 {0}，基准线 {1}</source>
        <translation>Latest assessment: per-capita net income {0}, baseline {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="289"/>
        <source>（低于基准线，不能风险消除）</source>
        <translation> (below the baseline: the risk cannot be eliminated)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="292"/>
        <source>尚未核算收入：风险消除前须先核算收入</source>
        <translation>No income assessed yet: assess the income before eliminating the risk</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="294"/>
        <source>收入</source>
        <translation>Income</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="296"/>
        <source>有劳动能力</source>
        <translation>Able to work</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="296"/>
        <source>无劳动能力</source>
        <translation>No labour capacity</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="297"/>
        <source>（来自成员信息）</source>
        <translation> (from the member details)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="298"/>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="302"/>
        <source>稳定，无返贫风险</source>
        <translation>Stable, no risk of return to poverty</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="302"/>
        <source>发现返贫风险</source>
        <translation>Risk of return to poverty found</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="303"/>
        <source>情况</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="303"/>
        <source>例如：收入稳定，三保障和饮水安全持续保障</source>
        <translation>e.g. Income stable; the three guarantees and safe water still secured</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="306"/>
        <source>新的风险类型</source>
        <translation>New risk types</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="307"/>
        <source>回退原因</source>
        <translation>Why back to monitoring</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="307"/>
        <source>例如：家人患大病，医疗支出大</source>
        <translation>e.g. a family member has a serious illness with high medical costs</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="310"/>
        <source>例如：风险消除后四个季度回头看均稳定</source>
        <translation>e.g. stable at all four quarterly follow-up checks after elimination</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="317"/>
        <source>登记后须在15天内完成入户核查和识别认定。</source>
        <translation>Once recorded, the household check and the identification decision are due within 15 days.</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="318"/>
        <source>当前状态：{0}</source>
        <translation>Current state: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="322"/>
        <source>风险类型：{0}</source>
        <translation>Risk types: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="324"/>
        <source>已有措施：{0}</source>
        <translation>Measures so far: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="326"/>
        <source>识别期限 {0}</source>
        <translation>Identify by {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="328"/>
        <source>计划期限 {0}</source>
        <translation>Plan by {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="348"/>
        <source>还没有对应措施的风险类型：{0}</source>
        <translation>Risk types without a matching measure: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="351"/>
        <source>每个风险类型都有对应措施 ✓</source>
        <translation>Every risk type has a matching measure ✓</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="387"/>
        <source>回退须说明原因</source>
        <translation>Say why the household goes back to monitoring</translation>
    </message>
</context>
<context>
    <name>CaseSteps</name>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="47"/>
        <source>村级民主评议</source>
        <translation>Village democratic review</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="48"/>
        <source>村内公示</source>
        <translation>Village public notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="49"/>
        <source>乡镇审核</source>
        <translation>Township review</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="29"/>
        <source>登记风险线索</source>
        <translation>Record risk clue</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="30"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="46"/>
        <source>入户核查</source>
        <translation>Household check</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="31"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="50"/>
        <source>识别纳入</source>
        <translation>Identify for monitoring</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="32"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="51"/>
        <source>核查未纳入</source>
        <translation>Not included after check</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="33"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="52"/>
        <source>制定帮扶计划</source>
        <translation>Make help plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="34"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="53"/>
        <source>增加帮扶措施</source>
        <translation>Add measure</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="35"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="54"/>
        <source>风险消除</source>
        <translation>Risk eliminated</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="36"/>
        <location filename="../../app/ui/households/case_dialogs.py" line="55"/>
        <source>回头看</source>
        <translation>Follow-up check</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="37"/>
        <source>回退监测</source>
        <translation>Back to monitoring</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="38"/>
        <source>结束回头看(稳定)</source>
        <translation>End follow-up (stable)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="45"/>
        <source>风险线索</source>
        <translation>Risk clue</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="56"/>
        <source>回退</source>
        <translation>Back to monitoring</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/case_dialogs.py" line="57"/>
        <source>回头看结束(稳定)</source>
        <translation>Follow-up ended (stable)</translation>
    </message>
</context>
<context>
    <name>ChangeModel</name>
    <message>
        <location filename="../../app/ui/forms/import_views.py" line="77"/>
        <source>户编号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_views.py" line="77"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_views.py" line="77"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_views.py" line="77"/>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_views.py" line="77"/>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_views.py" line="91"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="145"/>
        <source>修改我的密码</source>
        <translation>Change my passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="145"/>
        <source>只改密码，数据不会重新加密。恢复码不变。</source>
        <translation>Only the passphrase changes; the data is not re-encrypted. The recovery code stays the same.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="146"/>
        <location filename="../../app/ui/settings/settings_page.py" line="177"/>
        <location filename="../../app/ui/settings/settings_page.py" line="184"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="150"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="151"/>
        <source>当前密码</source>
        <translation>Current passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="153"/>
        <source>新密码</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="153"/>
        <source>再输一次</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="173"/>
        <source>正在修改…</source>
        <translation>Changing...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="186"/>
        <source>当前密码不正确，密码没有修改。</source>
        <translation>The current passphrase is wrong; the passphrase was not changed.</translation>
    </message>
</context>
<context>
    <name>ChecksPage</name>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="76"/>
        <source>数据检查</source>
        <translation>Data checks</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="85"/>
        <source>运行检查</source>
        <translation>Run checks</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="86"/>
        <source>按审计和国家平台的逻辑校验规则检查全村数据；发现的问题只提示核实，不影响录入</source>
        <translation>Checks the village&apos;s data against what auditors look for and the national platform&apos;s logic rules; a finding asks for review and never blocks entry</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="90"/>
        <source>全部级别</source>
        <translation>All severities</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="94"/>
        <location filename="../../app/ui/checks/checks_page.py" line="197"/>
        <source>全部问题</source>
        <translation>All problems</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="130"/>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="132"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="156"/>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="168"/>
        <source>正在比对签名笔迹…</source>
        <translation>Comparing signature handwriting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="225"/>
        <source>共 {0} 条：错误 {1}，警告 {2}，待核实 {3}；涉及 {4} 户</source>
        <translation>{0} findings: {1} errors, {2} warnings, {3} to review; {4} households</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="230"/>
        <source>数据已更改，请重新运行检查</source>
        <translation>The data changed: run the checks again</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="236"/>
        <source>点“运行检查”，按审计发现的问题和国家平台的逻辑校验规则检查全村数据：</source>
        <translation>Press “Run checks” to check the village&apos;s data against what auditors found and the national platform&apos;s logic rules:</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="237"/>
        <source>身份证号、家庭成员、收入、帮扶措施和时限、必须纳入监测的情形、走访和表单签名。</source>
        <translation>ID numbers, members, incomes, measures and deadlines, the situations that must be monitored, visits and form signatures.</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="239"/>
        <source>没有符合筛选条件的问题。</source>
        <translation>No finding matches the filter.</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="241"/>
        <source>没有发现问题。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="252"/>
        <source>如何处理</source>
        <translation>How to fix</translation>
    </message>
</context>
<context>
    <name>CluesCard</name>
    <message>
        <location filename="../../app/ui/home/clues_card.py" line="30"/>
        <source>风险线索</source>
        <translation>Risk clues</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/clues_card.py" line="33"/>
        <source>处理…</source>
        <translation>Handle…</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/clues_card.py" line="38"/>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/clues_card.py" line="38"/>
        <source>线索</source>
        <translation>Clue</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/clues_card.py" line="38"/>
        <source>核实期限</source>
        <translation>Verify by</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/clues_card.py" line="48"/>
        <source>没有待核实的风险线索</source>
        <translation>No risk clues waiting to be verified</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/clues_card.py" line="57"/>
        <source>待核实 {0} 条（逾期 {1}）</source>
        <translation>{0} to verify ({1} overdue)</translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <location filename="../../app/ui/sync/models.py" line="100"/>
        <source>农户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="100"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="100"/>
        <source>保留的值</source>
        <translation>Value kept</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="100"/>
        <source>未采用的值</source>
        <translation>Value not kept</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="101"/>
        <source>较新的一方</source>
        <translation>Newer side</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="101"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="103"/>
        <source>户主姓名</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="103"/>
        <source>户类型</source>
        <translation>Household type</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="104"/>
        <source>监测对象类别</source>
        <translation>Monitoring category</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="104"/>
        <source>纳入监测时间</source>
        <translation>Monitored since</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="105"/>
        <source>村民小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="105"/>
        <source>户编号</source>
        <translation>Household number</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="105"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="106"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="106"/>
        <source>居住情况</source>
        <translation>Residence</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="106"/>
        <source>户属性</source>
        <translation>Household attributes</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="107"/>
        <source>风险类型</source>
        <translation>Risk types</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="107"/>
        <source>风险已消除</source>
        <translation>Risk eliminated</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="108"/>
        <source>住房安全等级</source>
        <translation>Housing safety grade</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="108"/>
        <source>能自行解决住房</source>
        <translation>Can fix housing alone</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="109"/>
        <source>饮水安全</source>
        <translation>Drinking water</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="109"/>
        <source>有赡养人</source>
        <translation>Has a supporter</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="110"/>
        <source>帮扶责任人</source>
        <translation>Pairing cadre</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="110"/>
        <source>其他情况</source>
        <translation>Other details</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="110"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="111"/>
        <source>省</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="111"/>
        <source>县</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="111"/>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="111"/>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="112"/>
        <source>本机</source>
        <translation>This computer</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="112"/>
        <source>县里</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="120"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="130"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="130"/>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>DemoBanner</name>
    <message>
        <location filename="../../app/ui/mainwindow/header.py" line="36"/>
        <source>示范村·练习用 —— 这里的农户都是虚构的，只供练习。真实农户的信息请录入工作队自己的数据库。</source>
        <translation>Demo village · for practice only — every household here is made up. Enter real households in your team&apos;s own database.</translation>
    </message>
</context>
<context>
    <name>DialogRows</name>
    <message>
        <location filename="../../app/ui/widgets/dialog_rows.py" line="34"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>DueKind</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="19"/>
        <source>入户走访</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="20"/>
        <source>电话/微信联系</source>
        <translation>Phone/WeChat contact</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="21"/>
        <source>消除风险后回头看</source>
        <translation>Follow-up check</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="22"/>
        <source>年度入户走访</source>
        <translation>Annual home visit</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="23"/>
        <source>季度收入监测</source>
        <translation>Quarterly income check</translation>
    </message>
</context>
<context>
    <name>DueTableModel</name>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="51"/>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="51"/>
        <source>村民小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="51"/>
        <source>事项</source>
        <translation>Due for</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="51"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="52"/>
        <source>上次联系</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="52"/>
        <source>依据</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="54"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="54"/>
        <source>待完成</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="54"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="73"/>
        <source>无记录</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="80"/>
        <source>双击打开农户档案</source>
        <translation>Double-click to open the household file</translation>
    </message>
</context>
<context>
    <name>DutiesTab</name>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="69"/>
        <source>日期/年度</source>
        <translation>Date / year</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="69"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="69"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="69"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="74"/>
        <source>记录排查…</source>
        <translation>Record screening…</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="75"/>
        <source>登记贷款…</source>
        <translation>Add loan…</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="76"/>
        <source>还清/展期…</source>
        <translation>Repaid / extended…</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="77"/>
        <source>医疗费用…</source>
        <translation>Medical costs…</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="78"/>
        <source>务工月数…</source>
        <translation>Months of work…</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="79"/>
        <source>帮扶责任人…</source>
        <translation>Pairing cadre…</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="81"/>
        <source>记录本户在全覆盖排查中的情况（谁、何时、发现什么）；发现风险即转为风险线索</source>
        <translation>Record this household in the full-coverage screening (who, when, what was found); a risk found becomes a risk clue</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="82"/>
        <source>登记小额信贷：金额、放贷日期、期限、用途</source>
        <translation>Add a micro-credit loan: amount, start date, term, purpose</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="83"/>
        <source>选中的贷款已还清、续贷/展期或银行通报逾期</source>
        <translation>The selected loan is repaid, renewed/extended, or reported overdue by the bank</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="84"/>
        <source>登记一年的自付医疗费用（三重保障报销后）</source>
        <translation>Record a year&apos;s out-of-pocket medical costs (after the three insurances)</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="85"/>
        <source>登记成员一年在县外务工的月数</source>
        <translation>Record a member&apos;s months of work outside the county in a year</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="86"/>
        <source>结对或更换帮扶责任人；更换须写明原因</source>
        <translation>Pair or change the pairing cadre; a change needs a reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duties_tab.py" line="107"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>Education</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="24"/>
        <source>文盲或半文盲</source>
        <translation>Illiterate or semi-literate</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="25"/>
        <source>小学</source>
        <translation>Primary school</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="26"/>
        <source>初中</source>
        <translation>Junior secondary</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="27"/>
        <source>高中</source>
        <translation>Senior secondary</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="28"/>
        <source>中职</source>
        <translation>Vocational secondary</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="29"/>
        <source>大专及以上</source>
        <translation>College or above</translation>
    </message>
</context>
<context>
    <name>Entry</name>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="78"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>FindingModel</name>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="30"/>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="30"/>
        <source>户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="30"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="30"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="30"/>
        <source>如何处理</source>
        <translation>How to fix</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="31"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="31"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../app/ui/checks/checks_page.py" line="31"/>
        <source>待核实</source>
        <translation>To review</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="352"/>
        <source>驻村 Zhucun — 开始使用</source>
        <translation>Zhucun — Getting started</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="368"/>
        <source>欢迎使用驻村</source>
        <translation>Welcome to Zhucun</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="370"/>
        <source>防止返贫动态监测的走访记录和表格。数据加密保存在这台电脑上，不联网也能用。</source>
        <translation>Visit records and forms for monitoring to prevent return to poverty. The data is kept encrypted on this computer and works without a network.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="389"/>
        <location filename="../../app/ui/settings/first_run.py" line="393"/>
        <location filename="../../app/ui/settings/first_run.py" line="407"/>
        <source>建立新数据库</source>
        <translation>Create a new database</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="391"/>
        <location filename="../../app/ui/settings/first_run.py" line="396"/>
        <location filename="../../app/ui/settings/first_run.py" line="476"/>
        <source>打开示范村</source>
        <translation>Open the demo village</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="394"/>
        <source>为本工作队建立加密的数据库，您是第一位用户。正式使用请选这里。</source>
        <translation>An encrypted database for your work team, with you as its first user. Choose this for real work.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="397"/>
        <source>一个虚构的村（{0} 户），用来培训和试用，里面的人和事都是编的。</source>
        <translation>A made-up village ({0} households) for training and trying things out; its people and events are all invented.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="399"/>
        <location filename="../../app/ui/settings/first_run.py" line="482"/>
        <source>示范村密码：{0}</source>
        <translation>Demo village passphrase: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="402"/>
        <source>数据文件夹：{0}</source>
        <translation>Data folder: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="409"/>
        <source>数据库用您的密码加密。请记住密码；忘记时可以用下一步给出的恢复码重设。</source>
        <translation>The database is encrypted with your passphrase. Remember it; if you forget it, you can reset it with the recovery code given in the next step.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="416"/>
        <source>例如：张建国</source>
        <translation>e.g. Zhang Jianguo</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="419"/>
        <source>队长</source>
        <translation>Team leader</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="420"/>
        <source>采集员</source>
        <translation>Collector</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="421"/>
        <source>您的姓名</source>
        <translation>Your name</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="422"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="424"/>
        <source>密码</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="424"/>
        <source>再输一次</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="436"/>
        <location filename="../../app/ui/settings/first_run.py" line="503"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="438"/>
        <location filename="../../app/ui/settings/first_run.py" line="547"/>
        <location filename="../../app/ui/settings/first_run.py" line="553"/>
        <source>建立</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="453"/>
        <source>请保存恢复码</source>
        <translation>Keep your recovery code</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="455"/>
        <source>忘记密码时，恢复码是重新打开数据库的唯一办法。它只显示这一次：请打印或抄写下来，放在安全的地方，和电脑分开保管。</source>
        <translation>If you forget your passphrase, the recovery code is the only way to open the database again. It is shown only this once: print it or write it down, and keep it somewhere safe, away from the computer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="466"/>
        <source>进入</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="478"/>
        <source>正在建立一个虚构的村，用来培训和试用。以后锁定或重新打开时，请用下面的密码。</source>
        <translation>Building a made-up village for training and trying things out. To unlock or reopen it later, use the passphrase below.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="500"/>
        <source>示范村保存在：{0}</source>
        <translation>The demo village is saved in: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="506"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="532"/>
        <source>正在建立…</source>
        <translation>Creating...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="555"/>
        <source>这个文件夹里已经有数据库：{0}</source>
        <translation>This folder already holds a database: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="559"/>
        <source>无法建立数据库：{0}</source>
        <translation>Could not create the database: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="591"/>
        <source>正在建立示范村（{0} 户）…</source>
        <translation>Building the demo village ({0} households)...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="607"/>
        <source>%v / %m 户</source>
        <translation>%v / %m households</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="613"/>
        <source>正在取消…</source>
        <translation>Cancelling...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="630"/>
        <source>已取消，未留下示范村的文件。</source>
        <translation>Cancelled; no demo village files were left behind.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="634"/>
        <source>无法建立示范村：{0}</source>
        <translation>Could not build the demo village: {0}</translation>
    </message>
</context>
<context>
    <name>FormFiller</name>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="158"/>
        <source>已签名的表单已锁定，请提交更正</source>
        <translation>A signed form is locked: submit an amendment</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="207"/>
        <source>{0}户</source>
        <translation>{0} household</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="210"/>
        <source>调查人 {0}</source>
        <translation>Investigator {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="212"/>
        <source>已完成，待签名：可修改后再签名</source>
        <translation>Complete, awaiting signatures: can still be changed</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="214"/>
        <source>更正 {0} 签名的表单</source>
        <translation>Amending the form signed {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="236"/>
        <source>已恢复草稿（{0}）</source>
        <translation>Draft restored ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="239"/>
        <source>为什么更正，例如：户主电话号码填错</source>
        <translation>Why amend, e.g. the head&apos;s phone number was wrong</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="247"/>
        <source>原表单保留不变；更正后的表单取代它，并须重新签名。</source>
        <translation>The original stays as it is; the amended form replaces it and must be signed again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="249"/>
        <source>更正原因</source>
        <translation>Reason for the amendment</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="291"/>
        <source>保存草稿</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="292"/>
        <source>保存草稿 (Ctrl+S)；填写时也会自动保存</source>
        <translation>Save draft (Ctrl+S); it also saves as you type</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="294"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="295"/>
        <source>关闭；填写的内容保存为草稿</source>
        <translation>Close; what you entered is kept as a draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="297"/>
        <source>完成并签名</source>
        <translation>Complete and sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="298"/>
        <source>检查并保存表单，然后签名 (Ctrl+Enter)</source>
        <translation>Check and save the form, then sign (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="495"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="501"/>
        <source>删除“{0}”？这一条填写的内容都会删除。</source>
        <translation>Delete “{0}”? Everything entered for it is removed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="580"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="623"/>
        <source>没有待处理的问题</source>
        <translation>Nothing left to fix</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="631"/>
        <source>待处理 {0} 项（点一项可跳到该处）</source>
        <translation>{0} to fix (click one to go there)</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="632"/>
        <source>待处理</source>
        <translation>To fix</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="634"/>
        <source>还有 {0} 项未填，{1} 项有误</source>
        <translation>{0} unanswered, {1} invalid</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="637"/>
        <source>已全部填好，可以完成并签名</source>
        <translation>All filled in: ready to complete and sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="741"/>
        <source>草稿未能保存：{0}</source>
        <translation>Draft not saved: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="747"/>
        <source>草稿已保存 {0}</source>
        <translation>Draft saved {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="779"/>
        <source>请填写更正原因</source>
        <translation>Give the reason for the amendment</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="812"/>
        <source>表单已保存，等待签名</source>
        <translation>Form saved, awaiting signatures</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="829"/>
        <source>还有 {0} 处需要填写或修改，见下方列表。</source>
        <translation>{0} answers still need filling in or fixing; see the list below.</translation>
    </message>
</context>
<context>
    <name>FormViewDialog</name>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="50"/>
        <source>{0}户</source>
        <translation>{0} household</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="51"/>
        <source>填表 {0}</source>
        <translation>Filled {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="51"/>
        <source>调查人 {0}</source>
        <translation>Investigator {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="53"/>
        <source>签名于 {0}</source>
        <translation>Signed {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="60"/>
        <source>这是更正后的版本，更正原因：{0}</source>
        <translation>This is an amended version; reason: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="62"/>
        <source>此表单已被更正，以更正后的版本为准。</source>
        <translation>This form has been amended; the amended version applies.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="81"/>
        <source>（代签）</source>
        <translation>(by proxy)</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="91"/>
        <source>由 {0} 代签，原因：{1}</source>
        <translation>Signed by {0} on the signer&apos;s behalf; reason: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="105"/>
        <source>内容摘要（SHA-256）：{0}</source>
        <translation>Content hash (SHA-256): {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="106"/>
        <source>调查人的密钥签署了这份内容；内容或签名笔迹有任何改动，校验即不通过。</source>
        <translation>The investigator&apos;s key signed this content; any change to it or to the signatures fails verification.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="109"/>
        <source>更正…</source>
        <translation>Amend…</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="111"/>
        <source>提交更正：原表单保留，更正后的表单取代它并重新签名</source>
        <translation>Amend: the original stays, the amended form replaces it and is signed again</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="115"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="136"/>
        <source>已被更正</source>
        <translation>Amended</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="138"/>
        <source>已签名</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_view.py" line="139"/>
        <source>待签名</source>
        <translation>Awaiting signatures</translation>
    </message>
</context>
<context>
    <name>FormWidgets</name>
    <message>
        <location filename="../../app/ui/forms/form_widgets.py" line="99"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_widgets.py" line="100"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_widgets.py" line="290"/>
        <source>年-月-日</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_widgets.py" line="298"/>
        <source>从日历中选择</source>
        <translation>Pick from the calendar</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_widgets.py" line="636"/>
        <source>取自户档案，不能在表单中修改</source>
        <translation>From the household file; cannot be changed in the form</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_widgets.py" line="497"/>
        <source>所有文件 (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_widgets.py" line="513"/>
        <location filename="../../app/ui/forms/form_widgets.py" line="576"/>
        <source>选择文件…</source>
        <translation>Choose a file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_widgets.py" line="575"/>
        <source>更换文件…</source>
        <translation>Replace the file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_widgets.py" line="518"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_widgets.py" line="536"/>
        <source>选择要附上的文件</source>
        <translation>Choose the file to attach</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_widgets.py" line="547"/>
        <source>无法读取文件：{name}</source>
        <translation>Cannot read the file: {name}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_widgets.py" line="551"/>
        <source>文件过大：{size}，最多 {limit} MB</source>
        <translation>The file is too large: {size}; at most {limit} MB</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_widgets.py" line="573"/>
        <source>未附文件</source>
        <translation>No file attached</translation>
    </message>
</context>
<context>
    <name>FormsTab</name>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="27"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="27"/>
        <source>待签名</source>
        <translation>Awaiting signatures</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="27"/>
        <source>已签名</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="28"/>
        <source>已被更正</source>
        <translation>Amended</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="33"/>
        <source>更正草稿</source>
        <translation>Amendment draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="33"/>
        <source>修改草稿</source>
        <translation>Edit draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="35"/>
        <source>未完成，可继续填写</source>
        <translation>Unfinished, can be resumed</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="37"/>
        <source>更正：{0}</source>
        <translation>Amended: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="40"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="41"/>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="85"/>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="103"/>
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="42"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="43"/>
        <source>调查人</source>
        <translation>Investigator</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="44"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="56"/>
        <source>信息采集表等表单及调查人、户主签名；双击一行打开</source>
        <translation>Forms such as the household information form, with the investigator&apos;s and household&apos;s signatures; double-click to open</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="60"/>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="176"/>
        <source>删除草稿</source>
        <translation>Delete draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="62"/>
        <source>签名</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="64"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="66"/>
        <source>新建表单</source>
        <translation>New form</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="70"/>
        <source>打印空白表单…</source>
        <translation>Print blank form…</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="71"/>
        <source>打印纸质表单，带到没有电脑的入户调查中填写</source>
        <translation>Print a paper form to fill in on visits without the laptop</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="77"/>
        <source>尚无表单</source>
        <translation>No forms yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="103"/>
        <source>表单 ({0})</source>
        <translation>Forms ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="123"/>
        <source>导入表单（XLSForm 工作簿）…</source>
        <translation>Import a form (XLSForm workbook)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="129"/>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="144"/>
        <source>导入表单</source>
        <translation>Import a form</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="130"/>
        <source>表单定义 (*.xlsx *.yaml *.yml *.json)</source>
        <translation>Form definitions (*.xlsx *.yaml *.yml *.json)</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="140"/>
        <source>已导入“{0}”（版本 {1}，{2} 题），可在“新建表单”中选用。</source>
        <translation>Imported “{0}” (version {1}, {2} questions): choose it under New form.</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="143"/>
        <source>“{0}”版本 {1} 已经导入过，未作改动。</source>
        <translation>“{0}” version {1} was already imported: nothing changed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/forms_tab.py" line="177"/>
        <source>删除“{0}”的草稿？已填写的内容将不再保留。</source>
        <translation>Delete the draft of “{0}”? What was entered will be lost.</translation>
    </message>
</context>
<context>
    <name>HandSampleDialog</name>
    <message>
        <location filename="../../app/ui/forms/hand_sample_dialog.py" line="30"/>
        <source>录入我的笔迹样本</source>
        <translation>Record my hand sample</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/hand_sample_dialog.py" line="36"/>
        <source>我的笔迹样本</source>
        <translation>My hand sample</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/hand_sample_dialog.py" line="38"/>
        <source>请按平时签字的习惯，在横线上方依次写下每一项（共{0}项，约两三分钟）。数据检查用它判断农户签名是否像您的笔迹：样本里是不同的姓名和字词，所以能比较您写别人名字时的笔迹。样本加密保存，并用您的密钥签名。</source>
        <translation>Write each item above the line, one after another, as you usually sign ({0} items, two or three minutes). The data checks use it to judge whether a household signature looks like your hand: the sample holds different names and words, so it shows how you write names other than your own. The sample is kept encrypted and signed with your key.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/hand_sample_dialog.py" line="57"/>
        <source>重写</source>
        <translation>Rewrite</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/hand_sample_dialog.py" line="59"/>
        <source>上一项</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/hand_sample_dialog.py" line="61"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/hand_sample_dialog.py" line="76"/>
        <source>第 {0}/{1} 项：请写“{2}”</source>
        <translation>Item {0} of {1}: please write &quot;{2}&quot;</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/hand_sample_dialog.py" line="83"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/hand_sample_dialog.py" line="83"/>
        <source>下一项</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>HandleDialog</name>
    <message>
        <location filename="../../app/ui/home/clues_card.py" line="106"/>
        <source>处理风险线索</source>
        <translation>Handle a risk clue</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/clues_card.py" line="112"/>
        <source>核实情况（核实无风险时必填）</source>
        <translation>Findings (required when no risk is found)</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/clues_card.py" line="113"/>
        <source>处理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/clues_card.py" line="114"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../../app/ui/mainwindow/header.py" line="47"/>
        <source>驻村</source>
        <translation>Zhucun</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/header.py" line="49"/>
        <source>（尚未录入农户）</source>
        <translation>(no households yet)</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/header.py" line="52"/>
        <source>驻村工作队 {0} 人</source>
        <translation>Work team of {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/header.py" line="56"/>
        <source>示范村·练习用</source>
        <translation>Demo village · practice only</translation>
    </message>
</context>
<context>
    <name>Health</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="30"/>
        <source>健康</source>
        <translation>Healthy</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="31"/>
        <source>长期慢性病</source>
        <translation>Chronic illness</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="32"/>
        <source>患有大病</source>
        <translation>Serious illness</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="33"/>
        <source>残疾</source>
        <translation>Disabled</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="594"/>
        <source>未销号 {0} 项（县反馈 {1}，逾期 {2}）</source>
        <translation>{0} open ({1} from the county, {2} overdue)</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="168"/>
        <source>本月工作</source>
        <translation>This month&apos;s work</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="178"/>
        <source>本月工作提示</source>
        <translation>This month&apos;s work prompt</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="185"/>
        <source>应走访清单</source>
        <translation>Due visits</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="187"/>
        <source>全部事项</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="191"/>
        <source>显示已完成</source>
        <translation>Show done</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="193"/>
        <source>记录走访…</source>
        <translation>Record visit...</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="194"/>
        <source>为选中的农户记录一次走访或电话/微信联系</source>
        <translation>Record a visit or a phone/WeChat contact for the selected household</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="231"/>
        <source>即将到期</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="232"/>
        <location filename="../../app/ui/home/home_page.py" line="556"/>
        <source>识别认定15天、帮扶计划10天</source>
        <translation>Identification 15 days, help plan 10 days</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="235"/>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="235"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="235"/>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="235"/>
        <source>剩余</source>
        <translation>Left</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="246"/>
        <source>{0}天内没有到期的识别或帮扶计划</source>
        <translation>No identification or help plan due in the next {0} days</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="252"/>
        <source>问题清单</source>
        <translation>Problem list</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="253"/>
        <source>销号…</source>
        <translation>Close...</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="254"/>
        <source>整改完成后销号：须写明如何整改</source>
        <translation>Close an item once it is fixed: say how it was fixed</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="259"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="259"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="270"/>
        <source>没有未销号的问题</source>
        <translation>No open problems</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="275"/>
        <source>在村天数</source>
        <translation>Days in village</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="276"/>
        <source>每月不少于{0}天</source>
        <translation>At least {0} days a month</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="277"/>
        <location filename="../../app/ui/home/home_page.py" line="701"/>
        <source>今日签到</source>
        <translation>Check in today</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="288"/>
        <source>走访完成情况</source>
        <translation>Visits done</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="289"/>
        <source>近六个月</source>
        <translation>Last six months</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="292"/>
        <location filename="../../app/ui/home/home_page.py" line="452"/>
        <location filename="../../app/ui/home/home_page.py" line="533"/>
        <location filename="../../app/ui/home/home_page.py" line="742"/>
        <source>计算中…</source>
        <translation>Calculating...</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="381"/>
        <source>已完成 {0}/{1}</source>
        <translation>{0}/{1} done</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="383"/>
        <source>本月没有工作提示</source>
        <translation>No work prompt this month</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="396"/>
        <source>截止 {0}</source>
        <translation>Due {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="400"/>
        <source>✓ 已完成 {0}</source>
        <translation>✓ Done {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="402"/>
        <source>{0} 完成</source>
        <translation>Done by {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="408"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="410"/>
        <source>未完成</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="415"/>
        <source>完成…</source>
        <translation>Done...</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="416"/>
        <source>标记完成并写明情况</source>
        <translation>Mark as done and say what was done</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="424"/>
        <source>完成工作任务</source>
        <translation>Complete task</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="424"/>
        <source>完成情况（备注）</source>
        <translation>What was done (note)</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="425"/>
        <source>例如：已全部完成，共走访 32 户</source>
        <translation>e.g. All done; 32 households visited</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="483"/>
        <source>待完成 {0} 项</source>
        <translation>{0} to do</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="485"/>
        <source>，逾期 {0} 项</source>
        <translation>, {0} overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="487"/>
        <source>本月应走访的农户都已走访</source>
        <translation>Every household due this month has been visited</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="548"/>
        <source>识别认定</source>
        <translation>Identification</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="548"/>
        <source>帮扶计划</source>
        <translation>Help plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="553"/>
        <source>{0} 项</source>
        <translation>Total {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="555"/>
        <source>，已逾期 {0} 项</source>
        <translation>, {0} overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="560"/>
        <source>逾期 {0} 天</source>
        <translation>{0} d overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="562"/>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="564"/>
        <source>还剩 {0} 天</source>
        <translation>{0} d left</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="565"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="568"/>
        <location filename="../../app/ui/home/home_page.py" line="601"/>
        <source>双击打开农户档案</source>
        <translation>Double-click to open the household file</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="633"/>
        <source>问题销号</source>
        <translation>Close problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="634"/>
        <source>整改情况（必填）</source>
        <translation>How it was fixed (required)</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="635"/>
        <source>例如：已入户核实并补录住房安全等级</source>
        <translation>e.g. Checked at the house and entered the housing safety grade</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="667"/>
        <source>本月尚无登记</source>
        <translation>Nothing recorded this month</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="669"/>
        <source>（我）</source>
        <translation> (me)</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="680"/>
        <source>{0} 天</source>
        <translation>{0} d</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="683"/>
        <source>还差 {0} 天</source>
        <translation>{0} d short</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="690"/>
        <source>未登记</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="701"/>
        <source>今天已签到</source>
        <translation>Checked in today</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="702"/>
        <source>记一天在村：{0} 本月在村天数加 1，每天一次</source>
        <translation>Record a day in the village: adds 1 to {0}&apos;s days this month, once a day</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="715"/>
        <source>今天已签到，本月在村 {0} 天</source>
        <translation>Already checked in today; days in the village this month: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="729"/>
        <source>已签到：{0}，本月在村 {1} 天</source>
        <translation>Checked in: {0}; days in the village this month: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="770"/>
        <source>{0}年{1}月</source>
        <translation>{1}/{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="771"/>
        <source>{0}月</source>
        <translation>Month {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="772"/>
        <source>完成 {0}%</source>
        <translation>{0}% done</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="774"/>
        <source>应走访</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="775"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="784"/>
        <source>无法计算：{0}</source>
        <translation>Could not calculate: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="793"/>
        <source>待走访 &lt;b&gt;…&lt;/b&gt;</source>
        <translation>To visit &lt;b&gt;…&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="795"/>
        <source>待走访 &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>To visit &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="797"/>
        <source>&lt;span style=&quot;color:{0}&quot;&gt;逾期 &lt;b&gt;{1}&lt;/b&gt;&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;color:{0}&quot;&gt;Overdue &lt;b&gt;{1}&lt;/b&gt;&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="798"/>
        <source>工作任务 &lt;b&gt;{0}/{1}&lt;/b&gt;</source>
        <translation>Tasks &lt;b&gt;{0}/{1}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="800"/>
        <source>&lt;span style=&quot;color:{0}&quot;&gt;任务逾期 &lt;b&gt;{1}&lt;/b&gt;&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;color:{0}&quot;&gt;Tasks overdue &lt;b&gt;{1}&lt;/b&gt;&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="802"/>
        <source>案例到期 &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>Case deadlines &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/home_page.py" line="803"/>
        <source>未销号问题 &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>Open problems &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>HouseholdCategory</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="34"/>
        <source>脱贫户</source>
        <translation>Lifted household</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="35"/>
        <source>一般农户</source>
        <translation>Ordinary household</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="36"/>
        <source>监测户</source>
        <translation>Monitored household</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="245"/>
        <source>编辑农户</source>
        <translation>Edit household</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="245"/>
        <location filename="../../app/ui/households/household_dialog.py" line="248"/>
        <source>添加农户</source>
        <translation>Add household</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="248"/>
        <source>编辑农户信息</source>
        <translation>Edit household details</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="250"/>
        <source>（未设置所在村）</source>
        <translation>(village not set)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="254"/>
        <location filename="../../app/ui/households/household_dialog.py" line="255"/>
        <source>户主姓名</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="260"/>
        <source>户类型</source>
        <translation>Household type</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="263"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="264"/>
        <source>监测对象类别</source>
        <translation>Monitoring category</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="270"/>
        <source>如 第一村民小组</source>
        <translation>e.g. Group 1</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="272"/>
        <source>村民小组</source>
        <translation>Villager group</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="276"/>
        <location filename="../../app/ui/households/household_dialog.py" line="277"/>
        <source>户编号</source>
        <translation>Household number</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="280"/>
        <source>手机或区号-固话</source>
        <translation>Mobile, or area code-landline</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="281"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="285"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="289"/>
        <source>在家的户入户走访，外出的户电话或微信联系</source>
        <translation>Households living at home get home visits; households living away get a phone or WeChat contact</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="290"/>
        <source>居住情况</source>
        <translation>Residence</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="305"/>
        <source>户属性</source>
        <translation>Household flags</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="308"/>
        <source>未评定</source>
        <translation>Not graded</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="309"/>
        <source>住房安全等级</source>
        <translation>Housing safety grade</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="311"/>
        <source>饮水安全有保障</source>
        <translation>Safe drinking water secured</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="313"/>
        <source>饮水安全</source>
        <translation>Drinking water</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="319"/>
        <source>帮扶干部姓名</source>
        <translation>Cadre&apos;s name</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="320"/>
        <source>帮扶责任人</source>
        <translation>Pairing cadre</translation>
    </message>
</context>
<context>
    <name>HouseholdFilePage</name>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="307"/>
        <source>未销号的问题</source>
        <translation>Open problems</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="81"/>
        <source>← 返回</source>
        <translation>← Back</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="63"/>
        <source>线索与台账</source>
        <translation>Clues and records</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="82"/>
        <source>返回上一页 (Alt+←)</source>
        <translation>Back to the previous page (Alt+←)</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="91"/>
        <location filename="../../app/ui/householdfile/household_file.py" line="647"/>
        <source>记录走访</source>
        <translation>Record visit</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="93"/>
        <location filename="../../app/ui/householdfile/household_file.py" line="395"/>
        <source>添加成员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="97"/>
        <source>打印帮扶手册…</source>
        <translation>Print handbook…</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="98"/>
        <source>把这一户的帮扶手册打印成 PDF</source>
        <translation>Print this household&apos;s handbook as a PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="132"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="134"/>
        <source>须纳入监测</source>
        <translation>Must be monitored</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="139"/>
        <source>户编号 {0}</source>
        <translation>Household no. {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="140"/>
        <source>电话 {0}</source>
        <translation>Phone {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="141"/>
        <source>帮扶责任人 {0}</source>
        <translation>Pairing cadre {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="175"/>
        <source>找不到该户（可能已删除）</source>
        <translation>Household not found (it may have been deleted)</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="217"/>
        <source>概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="235"/>
        <source>逾期提醒</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="240"/>
        <source>基本情况</source>
        <translation>Basic facts</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="244"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="245"/>
        <source>所在地</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="247"/>
        <source>户类型</source>
        <translation>Household type</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="249"/>
        <source>居住情况</source>
        <translation>Residence</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="250"/>
        <source>户标识</source>
        <translation>Flags</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="250"/>
        <location filename="../../app/ui/householdfile/household_file.py" line="252"/>
        <location filename="../../app/ui/householdfile/household_file.py" line="291"/>
        <location filename="../../app/ui/householdfile/household_file.py" line="335"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="251"/>
        <location filename="../../app/ui/householdfile/household_file.py" line="270"/>
        <source>住房安全</source>
        <translation>Housing safety</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="251"/>
        <source>未评定</source>
        <translation>Not graded</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="252"/>
        <source>有无赡养(抚养)人</source>
        <translation>Family supporter</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="252"/>
        <source>有</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="254"/>
        <source>纳入监测</source>
        <translation>Monitored since</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="257"/>
        <location filename="../../app/ui/householdfile/household_file.py" line="428"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="266"/>
        <source>三保障及饮水</source>
        <translation>Three guarantees and safe water</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="269"/>
        <source>义务教育</source>
        <translation>Compulsory education</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="269"/>
        <source>基本医疗</source>
        <translation>Basic medical care</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="270"/>
        <source>饮水安全</source>
        <translation>Safe water</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="274"/>
        <source>有保障</source>
        <translation>Secured</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="274"/>
        <source>未保障</source>
        <translation>Not secured</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="280"/>
        <location filename="../../app/ui/householdfile/household_file.py" line="543"/>
        <source>风险类型</source>
        <translation>Risk types</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="287"/>
        <source>（风险已消除）</source>
        <translation>(risk eliminated)</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="294"/>
        <source>须纳入监测的情形</source>
        <translation>Situations that must be monitored</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="296"/>
        <source>以下情形由软件按档案判断，须经核实后登记风险线索。</source>
        <translation>The software found these from the file; check them before recording a risk clue.</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="298"/>
        <source>情形{0}：{1}</source>
        <translation>Situation {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="302"/>
        <source>未发现五种须纳入监测的情形</source>
        <translation>None of the five must-monitor situations found</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="324"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="324"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="325"/>
        <source>耕地</source>
        <translation>Cultivated land</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="325"/>
        <source>林地</source>
        <translation>Forest land</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="326"/>
        <source>退耕还林</source>
        <translation>Farmland returned to forest</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="326"/>
        <source>林果地</source>
        <translation>Orchard</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="327"/>
        <source>牧草地</source>
        <translation>Pasture</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="327"/>
        <source>水面</source>
        <translation>Water surface</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="332"/>
        <source>{0} {1} 亩</source>
        <translation>{0} {1} mu</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="335"/>
        <source>土地</source>
        <translation>Land</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="337"/>
        <source>住房面积</source>
        <translation>Housing area</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="337"/>
        <source>{0} 平方米</source>
        <translation>{0} m²</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="339"/>
        <source>已硬化</source>
        <translation>Hardened</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="339"/>
        <source>未硬化</source>
        <translation>Not hardened</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="341"/>
        <source>，距离 {0} 米</source>
        <translation>, {0} m away</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="342"/>
        <source>入户路</source>
        <translation>Road to the house</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="344"/>
        <source>主要燃料</source>
        <translation>Main fuel</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="346"/>
        <source>卫生厕所</source>
        <translation>Sanitary toilet</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="348"/>
        <source>加入合作社</source>
        <translation>In a cooperative</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="350"/>
        <source>能否自身解决困难</source>
        <translation>Can solve difficulties alone</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="368"/>
        <source>{0}个月</source>
        <translation>{0} mo.</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="370"/>
        <source>公益岗位</source>
        <translation>Public-welfare post</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="372"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="373"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="374"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="375"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="376"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="377"/>
        <source>健康状况</source>
        <translation>Health</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="378"/>
        <source>（{0}级）</source>
        <translation> (grade {0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="379"/>
        <source>在校情况</source>
        <translation>School</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="381"/>
        <source>劳动技能</source>
        <translation>Labour</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="382"/>
        <source>务工</source>
        <translation>Work</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="383"/>
        <source>医保</source>
        <translation>Insured</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="397"/>
        <source>双击一行修改成员信息</source>
        <translation>Double-click a row to edit the member</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="409"/>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="414"/>
        <source>成员 ({0})</source>
        <translation>Members ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="422"/>
        <source>核算日期</source>
        <translation>Assessed on</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="423"/>
        <source>家庭人口</source>
        <translation>Household size</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="424"/>
        <source>家庭纯收入</source>
        <translation>Household net income</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="425"/>
        <source>人均纯收入</source>
        <translation>Per-capita net income</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="426"/>
        <source>基准线</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="427"/>
        <source>对比基准线</source>
        <translation>Against baseline</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="427"/>
        <source>低于</source>
        <translation>Below</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="427"/>
        <source>高于</source>
        <translation>Above</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="442"/>
        <source>核算收入</source>
        <translation>Assess income</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="448"/>
        <source>收入</source>
        <translation>Income</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="451"/>
        <source>务工收入</source>
        <translation>Wages from work</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="451"/>
        <source>公益性岗位收入</source>
        <translation>Public-welfare post pay</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="452"/>
        <source>生产经营收入</source>
        <translation>Farming and business</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="452"/>
        <source>财产性收入</source>
        <translation>Property income</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="453"/>
        <source>资产收益分红</source>
        <translation>Asset-income dividends</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="453"/>
        <source>养老金</source>
        <translation>Pension</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="454"/>
        <source>计划生育金</source>
        <translation>Family-planning subsidy</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="454"/>
        <source>生态补偿金</source>
        <translation>Ecological compensation</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="455"/>
        <source>低保金</source>
        <translation>Dibao allowance</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="455"/>
        <source>特困供养金</source>
        <translation>Destitute support</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="456"/>
        <source>其他转移性收入</source>
        <translation>Other transfers</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="456"/>
        <source>生产经营性支出</source>
        <translation>Business expenses</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="462"/>
        <source>收入按核算日前12个月计算；鼠标停在一行上可看明细</source>
        <translation>Income for the 12 months before the assessment date; hover over a row for the details</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="463"/>
        <source>尚未核算收入</source>
        <translation>No income assessed yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="483"/>
        <source>经过</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="488"/>
        <source>监测帮扶</source>
        <translation>Monitoring</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="495"/>
        <source>{0} 起 · {1}</source>
        <translation>From {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="516"/>
        <source>四个季度回头看完成或风险消除满一年（{0}）后才能结束</source>
        <translation>Can end only after all four quarterly follow-up checks, or a year after elimination ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="521"/>
        <source>本户没有监测帮扶案例</source>
        <translation>This household has no monitoring case</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="522"/>
        <source>发现返贫致贫风险时，点“登记风险线索”开始：15天内入户核查并识别认定，识别后10天内制定帮扶计划。</source>
        <translation>When you find a risk of (return to) poverty, click “Record risk clue” to start: check the household and decide within 15 days, then make a help plan within 10 days of identification.</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="528"/>
        <source>监测帮扶案例</source>
        <translation>Monitoring case</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="541"/>
        <source>未识别</source>
        <translation>Not identified</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="541"/>
        <source>（线索：{0}）</source>
        <translation> (clue: {0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="544"/>
        <source>帮扶措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="544"/>
        <source>尚未制定</source>
        <translation>None yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="546"/>
        <source>缺少措施</source>
        <translation>Missing measures</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="546"/>
        <source>{0} 还没有对应的帮扶措施</source>
        <translation>{0}: no matching measure yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="548"/>
        <source>线索</source>
        <translation>Clue</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="548"/>
        <source>识别</source>
        <translation>Identified</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="549"/>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="549"/>
        <source>消除</source>
        <translation>Eliminated</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="550"/>
        <source>日期</source>
        <translation>Dates</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="553"/>
        <source>下一期限</source>
        <translation>Next deadline</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="576"/>
        <source>{0} 前完成识别认定（发现线索后15天）</source>
        <translation>Identify by {0} (15 days after the clue)</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="578"/>
        <source>{0} 前制定帮扶计划（识别后10天）</source>
        <translation>Make the help plan by {0} (10 days after identification)</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="580"/>
        <source>{0} 前补齐帮扶措施</source>
        <translation>Complete the measures by {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="584"/>
        <source>第{0}次回头看：{1} 前（当季度内）</source>
        <translation>Follow-up check {0}: by {1} (within the quarter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="586"/>
        <source>回头看已完成，可结束回头看（满一年：{0}）</source>
        <translation>Follow-up checks done; follow-up can end (one year: {0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="588"/>
        <source>已稳定，结束回头看</source>
        <translation>Stable; follow-up ended</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="598"/>
        <source>来源：{0}</source>
        <translation>Source: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="600"/>
        <source>类别：{0}</source>
        <translation>Category: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="602"/>
        <source>风险类型：{0}</source>
        <translation>Risk types: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="604"/>
        <location filename="../../app/ui/householdfile/household_file.py" line="606"/>
        <source>措施：{0}</source>
        <translation>Measures: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="608"/>
        <source>方式：{0}</source>
        <translation>Method: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="610"/>
        <source>结果：{0}</source>
        <translation>Result: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="611"/>
        <source>稳定</source>
        <translation>Stable</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="611"/>
        <source>发现风险</source>
        <translation>Risk found</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="613"/>
        <source>人均纯收入 {0}（基准线 {1}）</source>
        <translation>Per-capita net income {0} (baseline {1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="616"/>
        <source>人均纯收入约 {0}</source>
        <translation>Per-capita net income about {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="618"/>
        <source>理由：{0}</source>
        <translation>Reason: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="639"/>
        <source>显示全部走访</source>
        <translation>Show all visits</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="658"/>
        <source>走访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="666"/>
        <source>尚无走访记录</source>
        <translation>No visits recorded yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="668"/>
        <source>最近 {0} 次走访，新的在上；右键一条可更正</source>
        <translation>Latest {0} visits, newest first; right-click one to correct it</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="670"/>
        <source>共 {0} 次走访，新的在上；右键一条可更正</source>
        <translation>Visits: {0}, newest first; right-click one to correct it</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="672"/>
        <source>走访记录 ({0})</source>
        <translation>Visits ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="683"/>
        <source>已更正：{0}</source>
        <translation>Corrected: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="689"/>
        <source>走访人 {0}</source>
        <translation>by {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="691"/>
        <source>见到 {0}</source>
        <translation>met {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="694"/>
        <source>已更正</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="701"/>
        <source>发现风险：{0}</source>
        <translation>Risks seen: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="703"/>
        <source>后续：{0}</source>
        <translation>Follow-up: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="642"/>
        <location filename="../../app/ui/householdfile/household_file.py" line="731"/>
        <source>更正…</source>
        <translation>Correct...</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/household_file.py" line="400"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
</context>
<context>
    <name>HouseholdFlag</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="37"/>
        <source>低保户</source>
        <translation>Dibao household</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="38"/>
        <source>整户低保</source>
        <translation>Whole-household dibao</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="39"/>
        <source>分散供养特困</source>
        <translation>Destitute (dispersed support)</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="40"/>
        <source>集中供养特困</source>
        <translation>Destitute (institutional care)</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="41"/>
        <source>低保边缘家庭</source>
        <translation>Dibao-edge family</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="42"/>
        <source>残疾人户</source>
        <translation>Household with a disabled member</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="43"/>
        <source>易地搬迁户</source>
        <translation>Relocated household</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="44"/>
        <source>军烈属</source>
        <translation>Military or martyr family</translation>
    </message>
</context>
<context>
    <name>HouseholdModel</name>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="69"/>
        <source>户编号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="69"/>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="69"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="69"/>
        <source>村民小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="69"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="70"/>
        <source>帮扶责任人</source>
        <translation>Pairing cadre</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="187"/>
        <source>风险已消除</source>
        <translation>risk eliminated</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="187"/>
        <source>风险未消除</source>
        <translation>risk not eliminated</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="217"/>
        <source>农户档案</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="220"/>
        <source>添加农户</source>
        <translation>Add household</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="222"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="225"/>
        <location filename="../../app/ui/households/households_page.py" line="521"/>
        <source>帮扶手册…</source>
        <translation>Handbooks…</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="227"/>
        <source>空白表单…</source>
        <translation>Blank form…</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="229"/>
        <source>核对打印件…</source>
        <translation>Verify a printout…</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="232"/>
        <source>导入台账…</source>
        <translation>Import ledger…</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="234"/>
        <source>导入国家防返贫监测信息系统导出的户信息表或家庭成员信息表</source>
        <translation>Import a household or family-member ledger exported from the national monitoring system</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="240"/>
        <source>姓名、拼音、首字母、身份证或电话号码</source>
        <translation>Name, pinyin, initials, ID or phone number</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="244"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="250"/>
        <location filename="../../app/ui/households/households_page.py" line="377"/>
        <source>全部小组</source>
        <translation>All groups</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="251"/>
        <location filename="../../app/ui/households/households_page.py" line="449"/>
        <source>本月应走访</source>
        <translation>Due this month</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="252"/>
        <source>本月还须入户走访、电话或微信联系、回头看的户（含逾期）</source>
        <translation>Households that still need a home visit, a phone or WeChat contact or a follow-up check this month (overdue included)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="253"/>
        <source>有未销号问题</source>
        <translation>Open problems</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="254"/>
        <source>问题清单中尚未销号的户</source>
        <translation>Households with problem-list items not yet closed</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="409"/>
        <source>共 {0} 户</source>
        <translation>Total {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="414"/>
        <source>没有符合条件的农户。可换个写法，或清除筛选条件。</source>
        <translation>No households match. Try another spelling, or clear the filters.</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="416"/>
        <source>还没有农户档案。点“添加农户”录入第一户。</source>
        <translation>No households yet. Click “Add household” to enter the first one.</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="439"/>
        <source>本月应走访（计算中…）</source>
        <translation>Due this month (calculating...)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/households_page.py" line="521"/>
        <source>选中的 {0} 户的帮扶手册…</source>
        <translation>Handbooks of the {0} selected households…</translation>
    </message>
</context>
<context>
    <name>HousingGrade</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="45"/>
        <source>A级(安全)</source>
        <translation>Grade A (safe)</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="46"/>
        <source>B级(局部不安全)</source>
        <translation>Grade B (partly unsafe)</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="47"/>
        <source>C级(局部危房)</source>
        <translation>Grade C (partly dangerous)</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="48"/>
        <source>D级(整幢危房)</source>
        <translation>Grade D (whole house dangerous)</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="69"/>
        <source>导入台账</source>
        <translation>Import ledger</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="76"/>
        <source>选择文件</source>
        <translation>Choose file</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="76"/>
        <source>核对列</source>
        <translation>Check columns</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="76"/>
        <location filename="../../app/ui/forms/import_wizard.py" line="321"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="76"/>
        <location filename="../../app/ui/forms/import_wizard.py" line="324"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="94"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="100"/>
        <source>保存预览报告…</source>
        <translation>Save preview report…</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="102"/>
        <source>把预览的结果（未导入的行及原因、将更新的字段）保存为 Excel 表格</source>
        <translation>Save the preview (rows not imported with their reasons, fields to be updated) as an Excel workbook</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="105"/>
        <source>保存报告…</source>
        <translation>Save report…</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="109"/>
        <source>打开报告</source>
        <translation>Open report</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="113"/>
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="117"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="121"/>
        <location filename="../../app/ui/forms/import_wizard.py" line="318"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="125"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="149"/>
        <location filename="../../app/ui/forms/import_wizard.py" line="357"/>
        <source>选择台账文件</source>
        <translation>Choose the ledger file</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="150"/>
        <source>可导入国家防返贫监测信息系统导出的户信息表或家庭成员信息表（.xlsx、.xls 或 .ods 文件）。</source>
        <translation>You can import a household or family-member ledger exported from the national monitoring system (.xlsx, .xls or .ods).</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="152"/>
        <source>列的顺序不限，表头上方的标题行会自动跳过。户按户编号、成员按证件号码与已有档案对应，同一份台账再次导入不会重复添加。</source>
        <translation>Columns may be in any order; title rows above the header are skipped. Households are matched by household number and members by ID number, so importing the same ledger again adds nothing twice.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="154"/>
        <source>预览之前不会写入任何数据；导入时要么全部写入，要么（取消或出错时）一条也不写。</source>
        <translation>Nothing is written before the preview; an import writes everything or, when cancelled or failing, nothing.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="160"/>
        <source>尚未选择文件</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="162"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="168"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="215"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="216"/>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="217"/>
        <source>无变化</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="218"/>
        <source>未导入</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="327"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="358"/>
        <source>Excel 工作簿 (*.xlsx *.xls *.ods);;所有文件 (*)</source>
        <translation>Excel workbooks (*.xlsx *.xls *.ods);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="390"/>
        <source>正在读取台账…</source>
        <translation>Reading the ledger…</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="396"/>
        <source>（工作表：{0}）</source>
        <translation> (sheets: {0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="397"/>
        <source>“{0}”中没有可导入的工作表{1}：没有找到户编号、姓名、证件号码等表头。请确认它是国家防返贫监测信息系统导出的户信息表或家庭成员信息表。</source>
        <translation>&quot;{0}&quot; has no sheet to import{1}: no headers such as household number, name or ID number were found. Please check that it is a household or family-member ledger exported from the national monitoring system.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="421"/>
        <source>“{0}”中可导入的工作表：{1} 个。请核对每一列导入为档案中的哪一项。</source>
        <translation>&quot;{0}&quot;: {1} sheet(s) to import. Check what each column is imported as.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="423"/>
        <source>跳过的工作表（没有可识别的表头）：{0}</source>
        <translation>Sheets skipped (no recognizable header): {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="434"/>
        <source>家庭成员信息表</source>
        <translation>Family-member ledger</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="434"/>
        <source>户信息表</source>
        <translation>Household ledger</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="435"/>
        <source>{0}，表头在第 {1} 行，{2} 行数据</source>
        <translation>{0}, header in row {1}, {2} data rows</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="440"/>
        <source>列</source>
        <translation>Col.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="440"/>
        <source>表头</source>
        <translation>Header</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="440"/>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="440"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="477"/>
        <source>上次导入时选择的对应</source>
        <translation>Chosen at an earlier import</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="478"/>
        <source>未能识别的表头</source>
        <translation>Header not recognized</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="542"/>
        <source>已有一列导入为此字段</source>
        <translation>Another column is already imported as this field</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="550"/>
        <source>所有的列都已识别。</source>
        <translation>All columns are recognized.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="552"/>
        <source>其中 {0} 列按上次导入时的选择对应，可在下面修改。</source>
        <translation>{0} of them as chosen at an earlier import; you can change that below.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="556"/>
        <source>有 {0} 列未能识别（黄色标出）：{1}。这些列默认不导入；如需导入，请在“导入为”中选择对应的字段。您的选择在导入后会记住。</source>
        <translation>{0} column(s) not recognized (in yellow): {1}. They are not imported unless you choose a field for them under &quot;Import as&quot;. Your choice is remembered after the import.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="561"/>
        <source>未能识别的列都已选择对应的字段，导入后会记住这些选择。</source>
        <translation>Every unrecognized column has a field chosen; the choices are remembered after the import.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="580"/>
        <source>正在读取并核对台账…</source>
        <translation>Reading and checking the ledger…</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="580"/>
        <source>正在核对台账…</source>
        <translation>Checking the ledger…</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="594"/>
        <location filename="../../app/ui/forms/import_wizard.py" line="595"/>
        <location filename="../../app/ui/forms/import_wizard.py" line="597"/>
        <source>{0} 户</source>
        <translation>{0} households</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="594"/>
        <location filename="../../app/ui/forms/import_wizard.py" line="596"/>
        <location filename="../../app/ui/forms/import_wizard.py" line="598"/>
        <source>{0} 人</source>
        <translation>{0} people</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="599"/>
        <source>{0} 行</source>
        <translation>{0} rows</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="600"/>
        <source>共读取 {0} 行</source>
        <translation>{0} rows read in total</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="601"/>
        <source>可导入 {0} 行。以上是预览，还没有写入任何数据。</source>
        <translation>{0} rows can be imported. This is a preview: nothing has been written yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="603"/>
        <source>未导入的行不会写入；保存报告后，可在报告的“待修改”表中改正这些行，再导入那张表。</source>
        <translation>Rows not imported are not written; save the report, correct them in its sheet of rows to fix, and import that sheet again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="612"/>
        <source>未导入的行（{0}）</source>
        <translation>Not imported ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="613"/>
        <source>将更新的字段（{0}）</source>
        <translation>Fields to update ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="623"/>
        <source>{0}第 {1} 行 {2}：{3}</source>
        <translation>{0}, row {1} {2}: {3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="629"/>
        <source>尚未预览。</source>
        <translation>Not previewed yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="632"/>
        <source>没有可以导入的行：每一行都有误，原因见下表。</source>
        <translation>Nothing can be imported: every row has a mistake (see the table below).</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="634"/>
        <source>没有需要写入的内容：台账中的户和成员与档案一致。</source>
        <translation>Nothing to write: the households and members in the ledger match the records.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="642"/>
        <source>保存预览报告</source>
        <translation>Save preview report</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="643"/>
        <location filename="../../app/ui/forms/import_wizard.py" line="743"/>
        <source>Excel 表格 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="650"/>
        <location filename="../../app/ui/forms/import_wizard.py" line="751"/>
        <source>无法保存“{0}”：{1}</source>
        <translation>Cannot save &quot;{0}&quot;: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="653"/>
        <source>预览报告已保存：{0}</source>
        <translation>Preview report saved: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="682"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="683"/>
        <source>正在写入 {0} 户。取消或出错时，已写入的部分全部撤销。</source>
        <translation>Writing {0} households. If cancelled or failing, everything written is undone.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="703"/>
        <location filename="../../app/ui/forms/import_wizard.py" line="805"/>
        <source>已写入 {0}/{1} 户</source>
        <translation>Written {0}/{1} households</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="712"/>
        <source>导入完成</source>
        <translation>Import complete</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="713"/>
        <source>已导入 {0} 行：新增 {1} 户、{2} 人；更新 {3} 户、{4} 人；无变化 {5} 户、{6} 人。</source>
        <translation>Imported {0} rows: new {1} households, {2} people; updated {3} households, {4} people; unchanged {5} households, {6} people.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="717"/>
        <source>未导入 {0} 行，原因和原来的行见报告。</source>
        <translation>{0} rows not imported; the report has the reasons and the original rows.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="719"/>
        <source>按下取消时，导入已经写入完成。</source>
        <translation>The import had already been written when Cancel was pressed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="721"/>
        <source>列的对应没有记住：{0}</source>
        <translation>The column choices were not remembered: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="725"/>
        <location filename="../../app/ui/forms/import_wizard.py" line="754"/>
        <source>报告：{0}</source>
        <translation>Report: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="729"/>
        <source>报告无法保存到台账所在的文件夹（{0}），请选择保存的位置。</source>
        <translation>The report could not be saved in the ledger&apos;s folder ({0}); please choose where to save it.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="742"/>
        <source>保存导入报告</source>
        <translation>Save import report</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="796"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="809"/>
        <source>已核对 {0}/{1} 户</source>
        <translation>Checked {0}/{1} households</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="811"/>
        <source>已读取 {0} 行</source>
        <translation>{0} rows read</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="845"/>
        <source>无法读取“{0}”：{1}</source>
        <translation>Cannot read &quot;{0}&quot;: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="851"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="852"/>
        <source>已取消，没有写入任何数据。</source>
        <translation>Cancelled: nothing was written.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="854"/>
        <source>导入失败</source>
        <translation>Import failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="855"/>
        <source>没有写入任何数据：{0}</source>
        <translation>Nothing was written: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="856"/>
        <source>可以返回预览，再次导入。</source>
        <translation>You can go back to the preview and import again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="860"/>
        <source>已取消。</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="862"/>
        <source>无法预览：{0}</source>
        <translation>Cannot preview: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_wizard.py" line="866"/>
        <source>已取消读取。</source>
        <translation>Reading cancelled.</translation>
    </message>
</context>
<context>
    <name>IncomeDialog</name>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="199"/>
        <source>（默认估计值，无公开出处）</source>
        <translation> (default estimate, no published source)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="52"/>
        <source>核算收入</source>
        <translation>Assess income</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="56"/>
        <source>工资性收入</source>
        <translation>Wage income</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="56"/>
        <source>务工收入</source>
        <translation>Wages from work</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="56"/>
        <source>公益性岗位收入</source>
        <translation>Public-welfare post pay</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="57"/>
        <source>生产经营性收入</source>
        <translation>Business income</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="57"/>
        <source>生产经营收入</source>
        <translation>Farming and business</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="58"/>
        <source>财产性收入</source>
        <translation>Property income</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="58"/>
        <source>资产收益分红</source>
        <translation>Asset-income dividends</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="59"/>
        <source>转移性收入</source>
        <translation>Transfer income</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="59"/>
        <source>养老金</source>
        <translation>Pension</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="59"/>
        <source>计划生育金</source>
        <translation>Family-planning subsidy</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="60"/>
        <source>生态补偿金</source>
        <translation>Ecological compensation</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="60"/>
        <source>低保金</source>
        <translation>Dibao allowance</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="61"/>
        <source>特困供养金</source>
        <translation>Destitute support</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="61"/>
        <source>其他转移性收入</source>
        <translation>Other transfers</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="62"/>
        <source>支出</source>
        <translation>Expenses</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="62"/>
        <source>生产经营性支出</source>
        <translation>Business expenses</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="65"/>
        <location filename="../../app/ui/households/income_dialog.py" line="73"/>
        <source>核算日期</source>
        <translation>Assessed on</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="65"/>
        <location filename="../../app/ui/households/income_dialog.py" line="76"/>
        <source>家庭人口</source>
        <translation>Household size</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="66"/>
        <location filename="../../app/ui/households/income_dialog.py" line="132"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="69"/>
        <source>{0} 人</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="79"/>
        <source>金额单位：元，按核算日前12个月计</source>
        <translation>Amounts in yuan, for the 12 months before the assessment date</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="115"/>
        <source>家庭纯收入</source>
        <translation>Household net income</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="116"/>
        <source>人均纯收入</source>
        <translation>Per-capita net income</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="117"/>
        <source>监测收入基准线</source>
        <translation>Monitoring income baseline</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="130"/>
        <source>收入来源说明；人均纯收入低于4,000元时须填写</source>
        <translation>Where the income comes from; required when per-capita net income is below 4,000 yuan</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="139"/>
        <source>{0} 户 · 核算收入</source>
        <translation>{0}&apos;s household · Assess income</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="196"/>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="204"/>
        <source>低于基准线 {0}</source>
        <translation>{0} below the baseline</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="207"/>
        <source>高于基准线</source>
        <translation>Above the baseline</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="212"/>
        <source>标红的金额格式有误，应如 6900 或 6,900.50</source>
        <translation>Amounts in red are not valid: write them like 6900 or 6,900.50</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="216"/>
        <source>（请在备注中说明）</source>
        <translation> (explain in the note)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/income_dialog.py" line="244"/>
        <source>已保存，请注意</source>
        <translation>Saved: please note</translation>
    </message>
</context>
<context>
    <name>LabourCapacity</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="49"/>
        <source>普通劳动力</source>
        <translation>Ordinary labour</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="50"/>
        <source>技能劳动力</source>
        <translation>Skilled labour</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="51"/>
        <source>弱劳动力或半劳动力</source>
        <translation>Weak or half labour</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="52"/>
        <source>丧失劳动力</source>
        <translation>Lost labour capacity</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="53"/>
        <source>无劳动力</source>
        <translation>No labour capacity</translation>
    </message>
</context>
<context>
    <name>LedgerExportDialog</name>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="39"/>
        <source>导出台账</source>
        <translation>Export ledger</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="42"/>
        <source>走访台账</source>
        <translation>Visit ledger</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="42"/>
        <source>监测对象台账</source>
        <translation>Monitored households ledger</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="43"/>
        <source>工作提示完成情况</source>
        <translation>Work prompt progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="43"/>
        <source>问题清单</source>
        <translation>Problem list</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="44"/>
        <source>驻村考勤</source>
        <translation>Attendance in the village</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="46"/>
        <source>本月每一次走访：日期、农户、走访方式、走访人、发现的情况和风险；更正的记录和被更正的记录都列出。</source>
        <translation>Every visit this month: date, household, mode, visitor, findings and risks; corrections and the records they corrected are both listed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="48"/>
        <source>本月在监测中或有进展的监测对象，按月末的状态：类别、风险类型、帮扶措施、人均纯收入与监测线、期限提醒。</source>
        <translation>Households monitored or with a step this month, as at the month&apos;s end: category, risk types, measures, per-capita income against the line, deadline reminders.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="50"/>
        <source>本月工作提示的每项任务：截止日期、完成日期、完成人和月末的完成状态。</source>
        <translation>Each task of this month&apos;s work prompts: due date, date done, done by, and its state at the month&apos;s end.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="51"/>
        <source>本月内未销号或新提出的问题：所属清单、农户和销号情况。</source>
        <translation>Problems open or raised this month: list, household and closure.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="52"/>
        <source>每人本月在村天数，对照每月至少 20 天的要求。</source>
        <translation>Each person&apos;s days in the village this month, against the rule of at least 20 days.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="54"/>
        <source>台账和月份</source>
        <translation>Ledger and month</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="63"/>
        <source>台账</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="66"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="77"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="84"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="89"/>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="165"/>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="169"/>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="172"/>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="93"/>
        <source>Excel 表格（.xlsx），可用 WPS 或 Excel 打开、筛选和打印。</source>
        <translation>An Excel workbook (.xlsx): open, filter and print it in WPS or Excel.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="104"/>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="240"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="105"/>
        <source>用 WPS 或 Excel 打开导出的表格</source>
        <translation>Open the exported workbook in WPS or Excel</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="107"/>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="204"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="149"/>
        <source>保存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="150"/>
        <source>Excel 表格 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="165"/>
        <source>请填写保存的位置。</source>
        <translation>Please enter where to save.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="169"/>
        <source>“{0}”是一个文件夹，请填写文件名。</source>
        <translation>&quot;{0}&quot; is a folder: please enter a file name.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="172"/>
        <source>“{0}”已经存在，替换它吗？</source>
        <translation>&quot;{0}&quot; already exists. Replace it?</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="204"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="210"/>
        <source>已导出 {0} 行 → {1}</source>
        <translation>Exported {0} rows → {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="221"/>
        <source>无法写入“{0}”：文件可能正在 Excel 或 WPS 中打开，请关闭后再导出。</source>
        <translation>Cannot write &quot;{0}&quot;: the file may be open in Excel or WPS. Close it and export again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="224"/>
        <source>无法写入“{0}”：{1}</source>
        <translation>Cannot write &quot;{0}&quot;: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/ledger_export_dialog.py" line="240"/>
        <source>无法打开“{0}”。</source>
        <translation>Cannot open &quot;{0}&quot;.</translation>
    </message>
</context>
<context>
    <name>LoanDialog</name>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="98"/>
        <source>登记小额信贷</source>
        <translation>Add a micro-credit loan</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="100"/>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="101"/>
        <source>放贷日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="102"/>
        <source>期限（月）</source>
        <translation>Term (months)</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="105"/>
        <source>用途</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="106"/>
        <source>借款人</source>
        <translation>Borrower</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="106"/>
        <source>（户主）</source>
        <translation>(head of household)</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="107"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>LoanRepaidDialog</name>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="122"/>
        <source>小额信贷：还清或展期</source>
        <translation>Micro-credit: repaid or extended</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="124"/>
        <source>办理</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="125"/>
        <source>已还清</source>
        <translation>Repaid</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="126"/>
        <source>续贷/展期</source>
        <translation>Renewed / extended</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="127"/>
        <source>银行通报逾期</source>
        <translation>Reported overdue by the bank</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="128"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="129"/>
        <source>展期至</source>
        <translation>Extended to</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="130"/>
        <source>展期原因</source>
        <translation>Reason for extension</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/mainwindow/main.py" line="71"/>
        <source>驻村 Zhucun — 防止返贫动态监测</source>
        <translation>Zhucun — Monitoring to Prevent Return to Poverty</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/main.py" line="76"/>
        <source>用户：{0}</source>
        <translation>User: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/main.py" line="78"/>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/main.py" line="79"/>
        <source>锁定 (Ctrl+L)：隐藏所有记录，需重新输入密码</source>
        <translation>Lock (Ctrl+L): hide every record; the passphrase is needed again</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/main.py" line="93"/>
        <source>本月工作</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/main.py" line="93"/>
        <source>农户档案</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/main.py" line="93"/>
        <source>工作提示</source>
        <translation>Work prompts</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/returned_card.py" line="72"/>
        <location filename="../../app/ui/mainwindow/main.py" line="93"/>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/main.py" line="94"/>
        <source>数据检查</source>
        <translation>Data checks</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/main.py" line="94"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/main.py" line="94"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
</context>
<context>
    <name>Measure</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="54"/>
        <source>产业帮扶</source>
        <translation>Industry support</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="55"/>
        <source>就业帮扶</source>
        <translation>Employment support</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="56"/>
        <source>公益岗位</source>
        <translation>Public-welfare post</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="57"/>
        <source>健康帮扶</source>
        <translation>Health support</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="58"/>
        <source>教育帮扶</source>
        <translation>Education support</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="59"/>
        <source>义务教育保障</source>
        <translation>Compulsory education</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="60"/>
        <source>住房安全保障</source>
        <translation>Housing safety</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="61"/>
        <source>饮水安全保障</source>
        <translation>Safe drinking water</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="62"/>
        <source>综合保障</source>
        <translation>Social security (dibao/destitute/relief)</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="63"/>
        <source>搬迁</source>
        <translation>Relocation</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="64"/>
        <source>金融帮扶</source>
        <translation>Microcredit</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="65"/>
        <source>社会帮扶</source>
        <translation>Social assistance</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="66"/>
        <source>基础设施</source>
        <translation>Infrastructure</translation>
    </message>
</context>
<context>
    <name>MedicalDialog</name>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="147"/>
        <source>登记自付医疗费用</source>
        <translation>Record out-of-pocket medical costs</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="149"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="150"/>
        <source>自付金额（元）</source>
        <translation>Out of pocket (yuan)</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="151"/>
        <source>基本医保、大病保险、医疗救助报销后个人负担的部分</source>
        <translation>What the household paid after basic medical insurance, critical illness insurance and medical assistance</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="152"/>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="152"/>
        <source>（全户）</source>
        <translation>(whole household)</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="153"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="77"/>
        <source>已核对证件，出生年份无误</source>
        <translation>Card checked: the birth year is right</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="61"/>
        <source>编辑成员</source>
        <translation>Edit member</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="61"/>
        <source>添加成员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="63"/>
        <source>编辑成员信息</source>
        <translation>Edit member details</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="63"/>
        <source>添加家庭成员</source>
        <translation>Add household member</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="64"/>
        <source>户主：{0}</source>
        <translation>Head of household: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="68"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="72"/>
        <source>18位，末位可为X</source>
        <translation>18 characters; the last may be X</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="73"/>
        <location filename="../../app/ui/households/member_dialog.py" line="207"/>
        <source>填入身份证号后自动填写出生日期和性别</source>
        <translation>The birth date and sex fill in from the ID number</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="80"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="84"/>
        <location filename="../../app/ui/households/member_dialog.py" line="96"/>
        <location filename="../../app/ui/households/member_dialog.py" line="118"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="90"/>
        <source>未填写</source>
        <translation>Not entered</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="92"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="93"/>
        <source>出生日期</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="97"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="103"/>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="106"/>
        <source>（未填写）</source>
        <translation>(not entered)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="107"/>
        <source>文化程度</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="111"/>
        <source>在校生状况</source>
        <translation>School status</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="115"/>
        <source>健康状况</source>
        <translation>Health</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="119"/>
        <source>一级</source>
        <translation>Grade 1</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="119"/>
        <source>二级</source>
        <translation>Grade 2</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="119"/>
        <source>三级</source>
        <translation>Grade 3</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="119"/>
        <source>四级</source>
        <translation>Grade 4</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="121"/>
        <source>持残疾证</source>
        <translation>Has a disability certificate</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="127"/>
        <source>残疾等级</source>
        <translation>Disability grade</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="129"/>
        <source>残疾证</source>
        <translation>Disability certificate</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="133"/>
        <source>劳动技能</source>
        <translation>Labour capacity</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="136"/>
        <source>元，如 3500 或 3,500.50；未务工留空</source>
        <translation>Yuan, e.g. 3500 or 3,500.50; leave empty if not working</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="140"/>
        <source>月工资（元）</source>
        <translation>Monthly wage (yuan)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="142"/>
        <location filename="../../app/ui/households/member_dialog.py" line="156"/>
        <source>公益性岗位</source>
        <translation>Public-welfare post</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="143"/>
        <source>城乡居民基本医疗保险</source>
        <translation>Basic medical insurance</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="145"/>
        <location filename="../../app/ui/households/member_dialog.py" line="158"/>
        <source>大病保险</source>
        <translation>Serious-illness insurance</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="146"/>
        <location filename="../../app/ui/households/member_dialog.py" line="159"/>
        <source>养老保险</source>
        <translation>Pension insurance</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="155"/>
        <source>保险与岗位</source>
        <translation>Insurance and post</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="157"/>
        <source>医疗保险</source>
        <translation>Medical insurance</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="164"/>
        <source>手机或区号-固话</source>
        <translation>Mobile, or area code-landline</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="165"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="210"/>
        <source>已输入 {0}/18 位</source>
        <translation>{0}/18 characters entered</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="223"/>
        <source>出生日期 {0}，性别 {1}（由身份证号得出）</source>
        <translation>Birth date {0}, sex {1} (from the ID number)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/member_dialog.py" line="274"/>
        <source>relation: 请选择与户主关系 (required)</source>
        <translation>relation: choose the relation to the head (required)</translation>
    </message>
</context>
<context>
    <name>MonitoringCategory</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="67"/>
        <source>脱贫不稳定户</source>
        <translation>Unstable lifted household</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="68"/>
        <source>边缘易致贫户</source>
        <translation>Edge household at risk</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="69"/>
        <source>突发严重困难户</source>
        <translation>Sudden severe hardship</translation>
    </message>
</context>
<context>
    <name>MonthPrintDialog</name>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="36"/>
        <source>打印驻村工作月报</source>
        <translation>Print monthly work report</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="38"/>
        <source>打印公示</source>
        <translation>Print public notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="40"/>
        <location filename="../../app/ui/printing/print_other.py" line="77"/>
        <source>驻村工作月报</source>
        <translation>Monthly work report</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="40"/>
        <location filename="../../app/ui/printing/print_other.py" line="77"/>
        <source>公示</source>
        <translation>Public notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="43"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="53"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="57"/>
        <source>公示期</source>
        <translation>Posted for</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="61"/>
        <source>本月纳入监测和风险消除的农户：只列户主姓名、村民小组、户类型和决定，不含身份证号、电话等个人信息。</source>
        <translation>Households taken into monitoring or with risks eliminated this month: head&apos;s name, group, household type and decision only; no ID numbers, phones or other personal data.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="64"/>
        <source>本月工作任务完成情况、走访、驻村考勤、风险和帮扶、问题清单和时限，报乡镇。</source>
        <translation>This month&apos;s tasks, visits, attendance, risks and assistance, problem list and deadlines, for the township.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="78"/>
        <source>{0}_{1}年{2}月</source>
        <translation>{0}_{1}-{2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="99"/>
        <source>公示 {0} 户</source>
        <translation>{0} households on the notice</translation>
    </message>
</context>
<context>
    <name>MonthSelector</name>
    <message>
        <location filename="../../app/ui/widgets/month_view.py" line="63"/>
        <source>上个月</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/month_view.py" line="65"/>
        <source>下个月</source>
        <translation>Next month</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/month_view.py" line="75"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/month_view.py" line="104"/>
        <source>{0}年{1}月</source>
        <translation>{1}/{0}</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../app/ui/widgets/month_view.py" line="130"/>
        <source>完成日期</source>
        <translation>Date done</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/month_view.py" line="144"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/month_view.py" line="147"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>OutputRow</name>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="78"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="84"/>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="118"/>
        <source>选择保存的文件夹</source>
        <translation>Choose a folder to save to</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="123"/>
        <source>保存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="123"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="188"/>
        <source>更换帮扶责任人</source>
        <translation>Change the pairing cadre</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="192"/>
        <source>帮扶责任人</source>
        <translation>Pairing cadre</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="195"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="196"/>
        <source>更换原因</source>
        <translation>Reason for the change</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="197"/>
        <source>现任 {0}，更换须写明原因</source>
        <translation>Now {0}; a change needs a reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="198"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>PassphrasePair</name>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="92"/>
        <source>至少 {0} 个字符</source>
        <translation>At least {0} characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="119"/>
        <source>密码至少 {0} 个字符；越长越安全，可以用一句话</source>
        <translation>At least {0} characters; longer is safer, e.g. a sentence</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="120"/>
        <source>太短：至少 {0} 个字符（现在 {1} 个）</source>
        <translation>Too short: at least {0} characters (now {1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="121"/>
        <source>强度：弱 — 再长一些，或混用字母、数字和符号</source>
        <translation>Strength: weak — make it longer or add symbols</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="122"/>
        <source>强度：中 — 可以使用</source>
        <translation>Strength: fair — usable</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="123"/>
        <source>强度：强</source>
        <translation>Strength: strong</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="130"/>
        <source>；两次输入的密码不一致</source>
        <translation>; entries differ</translation>
    </message>
</context>
<context>
    <name>PlanCard</name>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="39"/>
        <source>年度计划与排查</source>
        <translation>Yearly plan and screening</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="47"/>
        <location filename="../../app/ui/home/plan_card.py" line="113"/>
        <source>新建计划…</source>
        <translation>New plan…</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="48"/>
        <source>添加事项…</source>
        <translation>Add item…</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="49"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="50"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="51"/>
        <source>新建排查…</source>
        <translation>New screening…</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="53"/>
        <source>编辑选中的计划事项，未选中时编辑计划本身</source>
        <translation>Edit the selected plan item, or the plan itself when none is selected</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="54"/>
        <source>选中的计划事项已完成</source>
        <translation>The selected plan item is done</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="55"/>
        <source>开展一次全覆盖排查（每半年一次）：名称、起止日期、范围</source>
        <translation>Start a full-coverage screening (every half year): name, dates, scope</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="67"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="67"/>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="67"/>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="67"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="96"/>
        <source>{0}：完成 {1}/{2}，逾期 {3}</source>
        <translation>{0}: {1}/{2} done, {3} overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="109"/>
        <source>{0}年还没有年度计划</source>
        <translation>No yearly plan for {0} yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="110"/>
        <source>计划还没有事项</source>
        <translation>The plan has no items yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="123"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="134"/>
        <source>无法统计排查进度</source>
        <translation>Could not count the screening progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="140"/>
        <source>全覆盖排查「{0}」{1}–{2}：已排查 {3}/{4} 户，发现风险 {5} 户</source>
        <translation>Screening “{0}” {1}–{2}: {3}/{4} households screened, {5} at risk</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="142"/>
        <source>还没有全覆盖排查（每半年一次）</source>
        <translation>No full-coverage screening yet (one every half year)</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/plan_card.py" line="113"/>
        <source>编辑计划…</source>
        <translation>Edit plan…</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="264"/>
        <source>编辑年度计划</source>
        <translation>Edit the yearly plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="264"/>
        <source>新建年度计划</source>
        <translation>New yearly plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="266"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="270"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="271"/>
        <source>空白为“某年度驻村帮扶工作计划”</source>
        <translation>Blank for “Village assistance work plan for the year”</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="272"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>PlanItemDialog</name>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="288"/>
        <source>编辑计划事项</source>
        <translation>Edit plan item</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="288"/>
        <source>添加计划事项</source>
        <translation>Add plan item</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="290"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="292"/>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="294"/>
        <source>完成时限</source>
        <translation>Deadline</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="373"/>
        <location filename="../../app/ui/printing/print_dialog.py" line="541"/>
        <source>打印帮扶手册</source>
        <translation>Print handbooks</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="392"/>
        <source>打印哪些农户</source>
        <translation>Which households</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="395"/>
        <source>这一户：{0}</source>
        <translation>This household: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="398"/>
        <source>选中的 {0} 户：{1}</source>
        <translation>{0} selected: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="400"/>
        <source>户类型</source>
        <translation>Household type</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="400"/>
        <source>村民小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="401"/>
        <source>全部农户</source>
        <translation>All households</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="428"/>
        <source>合成一个 PDF 文件</source>
        <translation>One PDF file</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="430"/>
        <source>每户一个 PDF 文件（存入一个文件夹）</source>
        <translation>One PDF per household (in a folder)</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="481"/>
        <source>等</source>
        <translation> and others</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="487"/>
        <source>（户编号 {0}）</source>
        <translation> (No. {0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="510"/>
        <source>共 {0} 户</source>
        <translation>{0} households</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="519"/>
        <source>帮扶手册</source>
        <translation>Handbooks</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="526"/>
        <source>选中{0}户</source>
        <translation>{0}-selected</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="541"/>
        <source>没有符合条件的农户。</source>
        <translation>No household matches.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="560"/>
        <source>已打印 {0}/{1} 户</source>
        <translation>Printed {0}/{1} households</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="564"/>
        <source>没有打印任何一户。</source>
        <translation>No household was printed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="565"/>
        <source>已打印 {0} 户，共 {1} 页，用时 {2} 秒</source>
        <translation>Printed {0} households, {1} pages in {2} s</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="568"/>
        <source>{0} 个文件</source>
        <translation>{0} files</translation>
    </message>
</context>
<context>
    <name>PrintJobDialog</name>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="151"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="162"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="182"/>
        <source>安装含有这些字的字体后，可再打印这些户。</source>
        <translation>Install a font that has these characters, then print these households again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="188"/>
        <location filename="../../app/ui/printing/print_dialog.py" line="317"/>
        <source>打开 PDF</source>
        <translation>Open PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="349"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="203"/>
        <source>共 {0} 页，用时 {1} 秒</source>
        <translation>{0} pages in {1} s</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="214"/>
        <location filename="../../app/ui/printing/print_dialog.py" line="219"/>
        <location filename="../../app/ui/printing/print_dialog.py" line="223"/>
        <location filename="../../app/ui/printing/print_dialog.py" line="226"/>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="214"/>
        <source>请填写保存的位置。</source>
        <translation>Enter where to save.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="219"/>
        <source>“{0}”是一个文件，请另选一个文件夹。</source>
        <translation>“{0}” is a file; choose a folder.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="223"/>
        <source>“{0}”是一个文件夹，请填写文件名。</source>
        <translation>“{0}” is a folder; enter a file name.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="226"/>
        <source>“{0}”已经存在，替换它吗？</source>
        <translation>“{0}” already exists. Replace it?</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="241"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="260"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="304"/>
        <source>打印完成</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="304"/>
        <source>没有打印</source>
        <translation>Nothing printed</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="307"/>
        <source>保存到：{0}</source>
        <translation>Saved to: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="310"/>
        <source>未打印 {0} 户：档案中有字没有字体可以打印</source>
        <translation>{0} households not printed: characters no font has</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="312"/>
        <source>{0}户 {1}：字符「{2}」({3}) 没有字体可以打印</source>
        <translation>{0} household, {1}: no font has the character “{2}” ({3})</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="317"/>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="327"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="332"/>
        <source>取消前已打印完的 {0} 户，每户的文件留在文件夹中：{1}</source>
        <translation>The {0} households finished before cancelling have their files in the folder: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="334"/>
        <source>没有留下文件。</source>
        <translation>No file was left behind.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="357"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="357"/>
        <source>无法打开“{0}”。</source>
        <translation>Cannot open “{0}”.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="189"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="190"/>
        <source>用这台电脑的打印机打印刚保存的 PDF</source>
        <translation>Print the saved PDF on this computer&apos;s printer</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="192"/>
        <source>保存为PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_dialog.py" line="350"/>
        <source>打印服务没有回应。请点“打开 PDF”，在阅读器中打印。</source>
        <translation>The print service did not answer. Click “Open PDF” and print from the viewer.</translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <location filename="../../app/ui/sync/models.py" line="154"/>
        <source>问题清单</source>
        <translation>Problem list</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="154"/>
        <source>下发日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="154"/>
        <source>农户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="154"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../app/ui/widgets/problem_text.py" line="9"/>
        <source>【逾期】</source>
        <translation>[Overdue] </translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/problem_text.py" line="15"/>
        <source>整改措施：{0}</source>
        <translation>Measure: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/problem_text.py" line="16"/>
        <source>责任人：{0}</source>
        <translation>Responsible: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/problem_text.py" line="17"/>
        <source>时限：{0}</source>
        <translation>Deadline: {0}</translation>
    </message>
</context>
<context>
    <name>PromptsPage</name>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="40"/>
        <source>工作提示</source>
        <translation>Work prompts</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="44"/>
        <source>打印月报…</source>
        <translation>Print monthly report…</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="45"/>
        <source>打印这个月的驻村工作月报，报乡镇</source>
        <translation>Print this month&apos;s work team report for the township</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="47"/>
        <source>打印公示…</source>
        <translation>Print public notice…</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="48"/>
        <source>打印这个月纳入监测和风险消除的公示，张贴在村务公开栏</source>
        <translation>Print this month&apos;s notice of households taken into monitoring and risks eliminated, for the village notice board</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="50"/>
        <source>导出台账…</source>
        <translation>Export ledger…</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="51"/>
        <source>把这个月的走访、监测对象、工作提示、问题清单或考勤导出为 Excel 表格</source>
        <translation>Export this month&apos;s visits, monitored households, work prompts, problem list or attendance as an Excel workbook</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="72"/>
        <source>本月任务</source>
        <translation>This month&apos;s tasks</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="73"/>
        <location filename="../../app/ui/prompts/prompts_page.py" line="121"/>
        <source>标记完成…</source>
        <translation>Mark done...</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="74"/>
        <source>标记选中的任务已完成，并写明完成情况</source>
        <translation>Mark the selected task done and say what was done</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="79"/>
        <location filename="../../app/ui/prompts/prompts_page.py" line="110"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="79"/>
        <source>截止日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="79"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="79"/>
        <source>完成日期</source>
        <translation>Date done</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="80"/>
        <source>完成人</source>
        <translation>Done by</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="80"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="93"/>
        <source>本月没有工作提示</source>
        <translation>No work prompt this month</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="102"/>
        <source>双击未完成的任务即可标记完成。工作提示由县、乡下发，随每月同步更新。</source>
        <translation>Double-click an open task to mark it done. Work prompts come from the county and township and arrive with each monthly sync.</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="107"/>
        <source>往月未完成</source>
        <translation>Open from earlier months</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="110"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="110"/>
        <source>截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="124"/>
        <source>往月任务均已完成</source>
        <translation>All earlier tasks are done</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="127"/>
        <source>双击查看该月的工作提示</source>
        <translation>Double-click to see that month&apos;s work prompt</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="185"/>
        <source>已完成 {0}/{1}</source>
        <translation>{0}/{1} done</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="192"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="192"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="192"/>
        <source>未完成</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="218"/>
        <location filename="../../app/ui/prompts/prompts_page.py" line="225"/>
        <source>已完成 {0}/{1}，逾期 {2}</source>
        <translation>{0}/{1} done, {2} overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="220"/>
        <source>{0} 份工作提示，{1} 项任务</source>
        <translation>Prompts: {0}, tasks: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="237"/>
        <source>截止日期：{0}</source>
        <translation>Due date: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="237"/>
        <source>未定</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="239"/>
        <source>{0} 由 {1} 完成</source>
        <translation>Done on {0} by {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="241"/>
        <source>备注：{0}</source>
        <translation>Note: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="257"/>
        <source>完成工作任务</source>
        <translation>Complete task</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="257"/>
        <source>完成情况（备注）</source>
        <translation>What was done (note)</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="258"/>
        <source>例如：已全部完成，共走访 32 户</source>
        <translation>e.g. All done; 32 households visited</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="288"/>
        <source>{0}年{1}月</source>
        <translation>{1}/{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts/prompts_page.py" line="297"/>
        <source>{0} 项</source>
        <translation>Total {0}</translation>
    </message>
</context>
<context>
    <name>Punctuation</name>
    <message>
        <location filename="../../app/ui/forms/form_widgets.py" line="38"/>
        <location filename="../../app/ui/widgets/text.py" line="6"/>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/text.py" line="10"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/text.py" line="14"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/form_widgets.py" line="95"/>
        <location filename="../../app/ui/printing/print_dialog.py" line="480"/>
        <location filename="../../app/ui/widgets/enum_labels.py" line="122"/>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="106"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="108"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/household_dialog.py" line="189"/>
        <source>请改正以下 {0} 处后再保存：</source>
        <translation>Correct these {0} fields, then save:</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeView</name>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="241"/>
        <source>打印/保存为PDF…</source>
        <translation>Print / save as PDF...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="243"/>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="254"/>
        <source>我已妥善保存恢复码</source>
        <translation>I have kept the recovery code safe</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="272"/>
        <source>已复制。粘贴到安全的地方后，请清空剪贴板。</source>
        <translation>Copied. Once you have pasted it somewhere safe, clear the clipboard.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="277"/>
        <source>驻村恢复码-{0}-{1}.pdf</source>
        <translation>Zhucun-recovery-code-{0}-{1}.pdf</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="281"/>
        <source>保存恢复码</source>
        <translation>Save recovery code</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="282"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="287"/>
        <source>正在生成 PDF…</source>
        <translation>Making the PDF...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="297"/>
        <source>已保存：{0}&#x3000;&lt;a href=&quot;{1}&quot;&gt;打开并打印&lt;/a&gt;</source>
        <translation>Saved: {0}&amp;nbsp;&amp;nbsp;&lt;a href=&quot;{1}&quot;&gt;Open and print&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="299"/>
        <source>注意：PDF 字体里没有姓名中的“{0}”，打印后请手写补上。</source>
        <translation>Note: the PDF font lacks “{0}” from the name; write it in by hand after printing.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="305"/>
        <source>无法保存 PDF：{0}</source>
        <translation>Could not save the PDF: {0}</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="212"/>
        <location filename="../../app/ui/settings/unlock.py" line="223"/>
        <source>用恢复码重设密码</source>
        <translation>Reset passphrase with recovery code</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="224"/>
        <source>输入建立数据库时保存的恢复码（30 个字母和数字，短横线可以不输），再设一个新密码。重设后旧恢复码作废，会给出新的恢复码。</source>
        <translation>Enter the recovery code kept when the database was created (30 letters and digits; the dashes may be left out), then set a new passphrase. After the reset the old recovery code stops working and you get a new one.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="241"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="242"/>
        <source>恢复码</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="244"/>
        <source>新密码</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="244"/>
        <source>再输一次</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="252"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="254"/>
        <location filename="../../app/ui/settings/unlock.py" line="323"/>
        <source>重设密码</source>
        <translation>Reset passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="270"/>
        <source>密码已重设：请保存新的恢复码</source>
        <translation>Passphrase reset: keep the new recovery code</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="271"/>
        <source>旧恢复码已经作废。新的恢复码只显示这一次：请打印或抄写下来，放在安全的地方。</source>
        <translation>The old recovery code no longer works. The new one is shown only this once: print it or write it down, and keep it somewhere safe.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="274"/>
        <source>我已妥善保存新的恢复码</source>
        <translation>I have kept the new recovery code safe</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="279"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="305"/>
        <source>正在重设…</source>
        <translation>Resetting...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="325"/>
        <source>这个数据库已在另一个驻村窗口中打开。请先关闭那个窗口。</source>
        <translation>This database is open in another Zhucun window. Close that window first.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="327"/>
        <source>恢复码错误。请核对后重新输入（0 是数字零，1 是数字一）。</source>
        <translation>Wrong recovery code. Check it and enter it again (0 is the digit zero, 1 is the digit one).</translation>
    </message>
</context>
<context>
    <name>RecoverySheet</name>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="168"/>
        <source>没有找到可用于 PDF 的中文字体（请安装 fonts-wqy-microhei）</source>
        <translation>No Chinese font found for the PDF (install fonts-wqy-microhei)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="186"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="187"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="189"/>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="197"/>
        <source>驻村 Zhucun — 恢复码</source>
        <translation>Zhucun — Recovery code</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="198"/>
        <source>忘记密码时，用这个恢复码可以重设密码，重新打开加密的数据库。</source>
        <translation>If you forget your passphrase, this recovery code lets you set a new one and open the encrypted database again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="200"/>
        <source>请把这张纸放在安全的地方，例如上锁的抽屉，和电脑分开保管。不要拍照，不要发给别人：任何人拿到恢复码都能打开这个数据库。</source>
        <translation>Keep this sheet somewhere safe, such as a locked drawer, away from the computer. Do not photograph it or send it to anyone: whoever has the recovery code can open this database.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="203"/>
        <source>每次用恢复码重设密码后，会生成新的恢复码，这张纸随之作废。</source>
        <translation>Each time the recovery code is used to reset a passphrase, a new code is made and this sheet no longer works.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="205"/>
        <source>恢复码里没有字母 I、L、O、U：看到 0 是数字零，1 是数字一。</source>
        <translation>Recovery codes have no letters I, L, O or U: 0 is the digit zero, 1 is the digit one.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/first_run.py" line="209"/>
        <source>驻村恢复码</source>
        <translation>Zhucun recovery code</translation>
    </message>
</context>
<context>
    <name>RejectedModel</name>
    <message>
        <location filename="../../app/ui/sync/models.py" line="73"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="73"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="73"/>
        <location filename="../../app/ui/sync/models.py" line="75"/>
        <source>农户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="73"/>
        <source>县里退回的原因</source>
        <translation>County&apos;s reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="73"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="75"/>
        <source>队员</source>
        <translation>Team member</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="75"/>
        <source>家庭成员</source>
        <translation>Household member</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="76"/>
        <source>收入核算</source>
        <translation>Income assessment</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="76"/>
        <source>监测帮扶</source>
        <translation>Monitoring case</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="77"/>
        <source>帮扶记录</source>
        <translation>Case record</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="77"/>
        <source>走访记录</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="77"/>
        <source>工作提示</source>
        <translation>Work prompt</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="78"/>
        <source>工作任务</source>
        <translation>Work task</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="78"/>
        <source>驻村考勤</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="79"/>
        <source>问题清单</source>
        <translation>Problem list</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="79"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="80"/>
        <source>表单定义</source>
        <translation>Form definition</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="80"/>
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="81"/>
        <source>表单签名</source>
        <translation>Form signature</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="92"/>
        <source>已改正，待上传</source>
        <translation>Corrected, to send</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/models.py" line="92"/>
        <source>待改正</source>
        <translation>To correct</translation>
    </message>
</context>
<context>
    <name>RejectionModel</name>
    <message>
        <location filename="../../app/ui/forms/import_views.py" line="53"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_views.py" line="53"/>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_views.py" line="53"/>
        <source>户编号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_views.py" line="53"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_views.py" line="54"/>
        <source>有误的列</source>
        <translation>Column in error</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/import_views.py" line="54"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>Relation</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="70"/>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="71"/>
        <source>配偶</source>
        <translation>Spouse</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="72"/>
        <source>之子</source>
        <translation>Son</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="73"/>
        <source>之女</source>
        <translation>Daughter</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="74"/>
        <source>之儿媳</source>
        <translation>Daughter-in-law</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="75"/>
        <source>之女婿</source>
        <translation>Son-in-law</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="76"/>
        <source>之孙子</source>
        <translation>Grandson</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="77"/>
        <source>之孙女</source>
        <translation>Granddaughter</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="78"/>
        <source>之父</source>
        <translation>Father</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="79"/>
        <source>之母</source>
        <translation>Mother</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="80"/>
        <source>兄弟姐妹</source>
        <translation>Sibling</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="81"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>RepeatBlock</name>
    <message>
        <location filename="../../app/ui/forms/form_filler.py" line="111"/>
        <source>添加{0}</source>
        <translation>Add {0}</translation>
    </message>
</context>
<context>
    <name>Residence</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="82"/>
        <source>在家</source>
        <translation>At home</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="83"/>
        <source>外出务工</source>
        <translation>Away for work</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="84"/>
        <source>进城居住</source>
        <translation>Living in town</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="199"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="200"/>
        <source>备份会恢复到一个新的文件夹，正在使用的数据库不受影响。恢复时会核验备份的完整性和审计记录。需要输入备份时任一用户的密码，或当时的恢复码。</source>
        <translation>The backup is restored into a new folder; the database in use is not touched. Restoring checks the backup&apos;s integrity and its audit records. You need the passphrase of any user at the time of the backup, or the recovery code of that time.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="201"/>
        <location filename="../../app/ui/settings/settings_page.py" line="293"/>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="209"/>
        <source>备份文件</source>
        <translation>Backup file</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="212"/>
        <source>选择…</source>
        <translation>Choose...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="216"/>
        <source>恢复到（新文件夹）</source>
        <translation>Restore to (new folder)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="218"/>
        <source>用密码</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="219"/>
        <source>用恢复码</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="227"/>
        <source>解锁方式</source>
        <translation>Unlock with</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="230"/>
        <source>密码或恢复码</source>
        <translation>Passphrase or recovery code</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="250"/>
        <source>恢复到哪个文件夹（请选空文件夹）</source>
        <translation>Folder to restore into (choose an empty folder)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="267"/>
        <location filename="../../app/ui/settings/settings_page.py" line="299"/>
        <source>这个文件夹里已经有数据库。请选一个新的或空的文件夹。</source>
        <translation>This folder already holds a database. Choose a new or empty folder.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="272"/>
        <source>正在恢复…</source>
        <translation>Restoring...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="282"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="285"/>
        <source>已恢复到：{0}
核验了 {1} 条审计记录，备份完好。

正在使用的数据库没有改动。要打开恢复的数据库，请关闭驻村，再运行：
zhucun --data &quot;{0}&quot;</source>
        <translation>Restored to: {0}
Checked {1} audit records; the backup is intact.

The database in use was not changed. To open the restored database, close Zhucun and run:
zhucun --data &quot;{0}&quot;</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="295"/>
        <source>密码不正确：请输入备份时任一用户的密码。</source>
        <translation>Wrong passphrase: enter the passphrase of any user at the time of the backup.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="297"/>
        <source>恢复码不正确。</source>
        <translation>Wrong recovery code.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="301"/>
        <source>无法恢复：{0}</source>
        <translation>Could not restore: {0}</translation>
    </message>
</context>
<context>
    <name>ReturnedCard</name>
    <message>
        <location filename="../../app/ui/home/returned_card.py" line="28"/>
        <source>退回待改</source>
        <translation>Sent back to correct</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/returned_card.py" line="33"/>
        <source>去审核页修改</source>
        <translation>Correct on the Review page</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/returned_card.py" line="62"/>
        <source>队长退回 {0} 条记录待修改</source>
        <translation>The team leader sent back {0} records to correct</translation>
    </message>
    <message>
        <location filename="../../app/ui/home/returned_card.py" line="65"/>
        <source>……另有 {0} 条，见审核页</source>
        <translation>…and {0} more, on the Review page</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="46"/>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="49"/>
        <source>批准本月</source>
        <translation>Approve the month</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="51"/>
        <source>以队长的签名批准尚未上传的全部记录；封装批次须先批准</source>
        <translation>Approve every record not yet sent, signed by the team leader; a batch is sealed only after approval</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="52"/>
        <source>只有队长可以批准</source>
        <translation>Only the team leader can approve</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="59"/>
        <source>退回日期</source>
        <translation>Returned on</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="59"/>
        <location filename="../../app/ui/review/review_page.py" line="64"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="59"/>
        <location filename="../../app/ui/review/review_page.py" line="62"/>
        <location filename="../../app/ui/review/review_page.py" line="64"/>
        <source>户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="59"/>
        <source>作者</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="59"/>
        <source>退回人</source>
        <translation>Returned by</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="60"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="62"/>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="62"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="64"/>
        <source>队员</source>
        <translation>Team member</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="64"/>
        <source>更改时间</source>
        <translation>Changed at</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="64"/>
        <source>次数</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="67"/>
        <source>退回…</source>
        <translation>Send back…</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="68"/>
        <source>把选中的记录退回给作者，并写明要改什么</source>
        <translation>Send the selected record back to its author, saying what to change</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="69"/>
        <source>只有队长可以退回记录</source>
        <translation>Only the team leader can send records back</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="79"/>
        <source>本月更改（按队员）</source>
        <translation>This month&apos;s changes (by team member)</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="85"/>
        <source>退回给我、待改的记录</source>
        <translation>Records sent back to me to correct</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="87"/>
        <source>检查发现（先看）</source>
        <translation>Check findings (read first)</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="119"/>
        <source>正在读取本月更改…</source>
        <translation>Reading this month&apos;s changes…</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="135"/>
        <source>队长（{0}）在另一台电脑上审核：本机的记录上传后，队长的电脑收到再批准。</source>
        <translation>The team leader ({0}) reviews on another laptop: once this laptop&apos;s records are sent, the leader&apos;s laptop receives and approves them.</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="138"/>
        <source>审核已开启：上传前须队长批准。</source>
        <translation>Review is on: the team leader approves before records are sent.</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="139"/>
        <source>审核已关闭：{0}</source>
        <translation>Review is off: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="140"/>
        <source>最近批准：{0} {1}（{2}）</source>
        <translation>Last approved: {0} {1} ({2})</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="141"/>
        <source>尚未批准。</source>
        <translation>Not approved yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="143"/>
        <source>{0} 项更改等待批准。</source>
        <translation>{0} changes waiting for approval.</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="145"/>
        <source>关闭审核…</source>
        <translation>Turn review off…</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="145"/>
        <source>开启审核</source>
        <translation>Turn review on</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="169"/>
        <source>退回记录</source>
        <translation>Send a record back</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="169"/>
        <source>退回给 {0}，写明要改什么：</source>
        <translation>Send back to {0}, saying what to change:</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="181"/>
        <source>关闭审核</source>
        <translation>Turn review off</translation>
    </message>
    <message>
        <location filename="../../app/ui/review/review_page.py" line="181"/>
        <source>关闭审核的原因（如一人工作队），会随批次报县里：</source>
        <translation>Why review is turned off (e.g. a one-person team); the county sees it with the batch:</translation>
    </message>
</context>
<context>
    <name>RiskType</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="85"/>
        <source>因病</source>
        <translation>Illness</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="86"/>
        <source>因学</source>
        <translation>Schooling costs</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="87"/>
        <source>因残</source>
        <translation>Disability</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="88"/>
        <source>因自然灾害</source>
        <translation>Natural disaster</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="89"/>
        <source>因意外事故</source>
        <translation>Accident</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="90"/>
        <source>因务工就业不稳</source>
        <translation>Unstable employment</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="91"/>
        <source>缺劳动力</source>
        <translation>Lack of labour</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="92"/>
        <source>因产业项目失败</source>
        <translation>Failed business project</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="93"/>
        <source>住房出现安全问题</source>
        <translation>Unsafe housing</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="94"/>
        <source>饮水安全问题</source>
        <translation>Unsafe drinking water</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="95"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="96"/>
        <source>采集员</source>
        <translation>Collector</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="97"/>
        <source>队长</source>
        <translation>Team leader</translation>
    </message>
</context>
<context>
    <name>SchoolStatus</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="98"/>
        <source>非在校生</source>
        <translation>Not in school</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="99"/>
        <source>学前教育</source>
        <translation>Preschool</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="100"/>
        <source>小学</source>
        <translation>Primary school</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="101"/>
        <source>七至九年级</source>
        <translation>Grades 7–9</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="102"/>
        <source>高中或中职</source>
        <translation>Senior or vocational secondary</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="103"/>
        <source>大专及以上</source>
        <translation>College or above</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="104"/>
        <source>辍学</source>
        <translation>Dropped out</translation>
    </message>
</context>
<context>
    <name>ScreeningDialog</name>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="216"/>
        <source>记录全覆盖排查</source>
        <translation>Record full-coverage screening</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="219"/>
        <source>排查</source>
        <translation>Screening</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="221"/>
        <source>{0}（{1}–{2}）</source>
        <translation>{0} ({1}–{2})</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="222"/>
        <source>排查日期</source>
        <translation>Screened on</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="224"/>
        <source>排查人</source>
        <translation>Screened by</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="225"/>
        <source>发现的情况</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="226"/>
        <source>结论</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="226"/>
        <source>发现风险（转为风险线索）</source>
        <translation>Risk found (becomes a risk clue)</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="227"/>
        <source>风险类型</source>
        <translation>Risk types</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../app/ui/mainwindow/session.py" line="63"/>
        <source>走访记录已保存</source>
        <translation>Visit saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/session.py" line="64"/>
        <source>成员信息已保存</source>
        <translation>Member saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/session.py" line="65"/>
        <location filename="../../app/ui/mainwindow/session.py" line="66"/>
        <source>案例进展已保存</source>
        <translation>Case step saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/session.py" line="67"/>
        <source>收入测算已保存</source>
        <translation>Income assessment saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/session.py" line="68"/>
        <source>表单已保存</source>
        <translation>Form saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/mainwindow/session.py" line="69"/>
        <source>农户档案已保存</source>
        <translation>Household saved</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="475"/>
        <source>诊断信息：版本、设置和日志，供维护电脑的人查找问题；不含任何个人信息。</source>
        <translation>Diagnostics: the versions, settings and log, for whoever looks after the laptops to find a problem; no personal data in them.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="477"/>
        <source>保存诊断信息…</source>
        <translation>Save diagnostics...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="493"/>
        <source>诊断信息保存到哪里</source>
        <translation>Where to save the diagnostics</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="494"/>
        <source>压缩文件 (*.zip)</source>
        <translation>Zip files (*.zip)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="501"/>
        <source>无法保存诊断信息：{0}</source>
        <translation>Could not save the diagnostics: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="503"/>
        <source>已保存诊断信息：{0}（不含个人信息）</source>
        <translation>Diagnostics saved: {0} (no personal data)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="337"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="362"/>
        <source>这台电脑</source>
        <translation>This computer</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="371"/>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="375"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="376"/>
        <source>无操作自动锁定</source>
        <translation>Lock when idle for</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="377"/>
        <source>连上县服务器时自动同步</source>
        <translation>Sync by itself when the county server is reachable</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="379"/>
        <source>自动同步</source>
        <translation>Auto-sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="381"/>
        <source>锁定后屏幕上不留任何记录，需要重新输入密码。离开电脑时也可以按 Ctrl+L 立即锁定。</source>
        <translation>Locking leaves no record on the screen, and the passphrase is needed again. When you leave the computer you can also press Ctrl+L to lock at once.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="386"/>
        <source>队员</source>
        <translation>Team members</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="388"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="388"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="388"/>
        <source>加入日期</source>
        <translation>Joined</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="400"/>
        <source>添加队员…</source>
        <translation>Add team member...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="402"/>
        <source>修改我的密码…</source>
        <translation>Change my passphrase...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="448"/>
        <location filename="../../app/ui/settings/settings_page.py" line="612"/>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="450"/>
        <source>备份文件和数据库一样是加密的，要用队员的密码或恢复码才能打开。请定期备份到U盘，和电脑分开保管。</source>
        <translation>Backups are encrypted like the database and open only with a team member&apos;s passphrase or the recovery code. Back up to a USB stick regularly and keep it away from the computer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="453"/>
        <source>备份到文件夹或U盘…</source>
        <translation>Back up to a folder or USB stick...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="455"/>
        <source>从备份恢复…</source>
        <translation>Restore from backup...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="468"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="470"/>
        <source>驻村 Zhucun {0} — 防止返贫动态监测</source>
        <translation>Zhucun {0} — Monitoring to Prevent Return to Poverty</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="471"/>
        <source>数据文件夹：{0}</source>
        <translation>Data folder: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="528"/>
        <source>只有队长可以添加队员</source>
        <translation>Only the team leader can add team members</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="536"/>
        <source>队长</source>
        <translation>Team leader</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="536"/>
        <source>采集员</source>
        <translation>Collector</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="537"/>
        <source>队员（不在本机登录）</source>
        <translation>Member (no login on this laptop)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="542"/>
        <source>{0}（我）</source>
        <translation>{0} (me)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="544"/>
        <source>{0}（已停用）</source>
        <translation>{0} (disabled)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="587"/>
        <source>已添加队员：{0}</source>
        <translation>Team member added: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="592"/>
        <source>密码已修改。下次解锁请用新密码。</source>
        <translation>Passphrase changed. Use the new one the next time you unlock.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="601"/>
        <source>备份到哪里（文件夹或U盘）</source>
        <translation>Where to back up (a folder or USB stick)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="607"/>
        <source>请选数据文件夹以外的位置，最好是U盘。</source>
        <translation>Choose a place outside the data folder, best a USB stick.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="611"/>
        <source>正在备份…</source>
        <translation>Backing up...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="630"/>
        <source>已备份到：{0}（{1}）</source>
        <translation>Backed up to: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="632"/>
        <source>备份完成</source>
        <translation>Backup done</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="638"/>
        <source>备份失败：{0}</source>
        <translation>Backup failed: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="646"/>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="647"/>
        <source>驻村备份 (*.zhucun-backup);;所有文件 (*)</source>
        <translation>Zhucun backups (*.zhucun-backup);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="652"/>
        <source>已恢复到：{0}（用 zhucun --data 打开）</source>
        <translation>Restored to: {0} (open it with zhucun --data)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="414"/>
        <source>我的笔迹样本</source>
        <translation>My hand sample</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="416"/>
        <source>在签名板上写几个不同的姓名和字词（约两三分钟）。数据检查用它判断农户签名是否出自您的笔迹，并在问题中说明以哪份参照比较。</source>
        <translation>Write a few different names and words on the signature pad (two or three minutes). The data checks use it to judge whether a household signature is in your hand, and say in each finding which reference they compared with.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="419"/>
        <source>录入笔迹样本…</source>
        <translation>Record hand sample…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="442"/>
        <source>还没有录入笔迹样本。未录入时，签名笔迹检查只能拿您在表单上的签名作比较。</source>
        <translation>No hand sample yet. Without one, the handwriting check can only compare with your signatures on forms.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="444"/>
        <source>已录入笔迹样本：{0}项，{1}录入。数据检查以它为您的笔迹参照。</source>
        <translation>Hand sample recorded: {0} items, on {1}. The data checks use it as the reference for your hand.</translation>
    </message>
</context>
<context>
    <name>Sex</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="105"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="106"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <location filename="../../app/ui/forms/sign_dialog.py" line="64"/>
        <source>签名确认</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/sign_dialog.py" line="66"/>
        <source>签名确认：{0}</source>
        <translation>Sign: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/sign_dialog.py" line="70"/>
        <source>农户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/sign_dialog.py" line="70"/>
        <source>{0}户</source>
        <translation>{0} household</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/sign_dialog.py" line="71"/>
        <source>填表日期</source>
        <translation>Filled on</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/sign_dialog.py" line="72"/>
        <source>调查人</source>
        <translation>Investigator</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/sign_dialog.py" line="75"/>
        <source>{0} 元</source>
        <translation>{0} yuan</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/sign_dialog.py" line="77"/>
        <source>（基准线 {0} 元）</source>
        <translation>(baseline {0} yuan)</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/sign_dialog.py" line="78"/>
        <source>人均纯收入</source>
        <translation>Per-capita net income</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/sign_dialog.py" line="80"/>
        <source>更正原因</source>
        <translation>Reason for the amendment</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/sign_dialog.py" line="95"/>
        <source>签名后表单即锁定，不能再修改；如需修改，须提交更正。</source>
        <translation>Once signed the form is locked; changes need an amendment.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/sign_dialog.py" line="115"/>
        <source>稍后签名</source>
        <translation>Sign later</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/sign_dialog.py" line="116"/>
        <source>表单已保存，可以稍后在户档案的“表单”中签名</source>
        <translation>The form is saved; sign it later under Forms in the household file</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/sign_dialog.py" line="119"/>
        <source>签名并锁定</source>
        <translation>Sign and lock</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/sign_dialog.py" line="162"/>
        <source>两个签名看起来像同一人所写。如果户主由他人代签，请勾选“由他人代签”并写明原因。</source>
        <translation>The two signatures look written by one hand. If someone signed for the head, tick “Signed by a proxy” and give the reason.</translation>
    </message>
</context>
<context>
    <name>SignatureEvidence</name>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="77"/>
        <source>农户签名</source>
        <translation>Household signature</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="79"/>
        <source>重叠（黑：农户，红：参照）</source>
        <translation>Overlaid (black: household, red: reference)</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="92"/>
        <source>已核实：不是同一人…</source>
        <translation>Checked: different people…</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="94"/>
        <source>核实后确认两个签名出自不同的人：记录核实结论（留痕、同步），此问题不再提示</source>
        <translation>After checking, confirm the two signatures are by different people: the verdict is recorded (audited, synced) and this finding is not shown again</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="117"/>
        <source>参照：{0}的笔迹样本“{1}”</source>
        <translation>Reference: {0}&apos;s hand sample &quot;{1}&quot;</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="119"/>
        <source>参照：{0}在表单上的签名</source>
        <translation>Reference: {0}&apos;s signature on forms</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="121"/>
        <source>参照：{0}在表单上的签名（未录入笔迹样本）</source>
        <translation>Reference: {0}&apos;s signature on forms (no hand sample recorded)</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="122"/>
        <source>没有可比较的参照签名</source>
        <translation>No reference signature to compare with</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="127"/>
        <source>不大于阈值：像同一人</source>
        <translation>within the threshold: looks like one hand</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="127"/>
        <source>大于阈值</source>
        <translation>above the threshold</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="128"/>
        <source>笔迹距离 {0:.2f}，阈值 {1:.2f}（{2}）</source>
        <translation>Handwriting distance {0:.2f}, threshold {1:.2f} ({2})</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="131"/>
        <source>笔迹样本各项（不同字词）之间</source>
        <translation>between the items of the hand sample (different texts)</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="131"/>
        <source>其表单上各次签名之间</source>
        <translation>between their signatures on forms</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="132"/>
        <source>调查人本人{0}的距离：中位数 {1:.2f}，最大 {2:.2f}</source>
        <translation>The investigator&apos;s own distances {0}: median {1:.2f}, largest {2:.2f}</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="135"/>
        <source>与笔迹样本最近的一项距离 {0:.2f}，样本阈值 {1:.2f}：按表单上的签名比较。</source>
        <translation>Closest hand sample item at {0:.2f}, sample threshold {1:.2f}: compared with the signatures on forms.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="138"/>
        <source>该调查人没有录入笔迹样本（设置 → 我的笔迹样本），只能和其表单上的签名比较。</source>
        <translation>This investigator has no hand sample (Settings → My hand sample); only their signatures on forms can be compared.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="139"/>
        <source>此项检查在真实笔迹数据上对不同人的误报率约 {0:.1%}：请人工比对后再下结论。</source>
        <translation>On real handwriting this check flags about {0:.1%} of pairs of different people: compare by eye before concluding.</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="144"/>
        <source>已核实：不是同一人</source>
        <translation>Checked: different people</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_evidence.py" line="145"/>
        <source>核实情况（例如：入户见户主本人签名）：</source>
        <translation>What was checked (for example: saw the head sign in person at home):</translation>
    </message>
</context>
<context>
    <name>SignatureField</name>
    <message>
        <location filename="../../app/ui/forms/signature_pad.py" line="251"/>
        <source>重写</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_pad.py" line="253"/>
        <source>擦掉签名，重新签</source>
        <translation>Erase the signature and sign again</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_pad.py" line="255"/>
        <source>由他人代签（本人不能书写）</source>
        <translation>Signed by a proxy (the signer cannot write)</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_pad.py" line="257"/>
        <source>代签人的姓名</source>
        <translation>Proxy&apos;s name</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_pad.py" line="259"/>
        <source>例如：不识字、手部有伤</source>
        <translation>e.g. cannot read or write, injured hand</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_pad.py" line="268"/>
        <source>代签人</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_pad.py" line="269"/>
        <source>代签原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_pad.py" line="317"/>
        <source>还没有签名</source>
        <translation>Not signed yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_pad.py" line="319"/>
        <source>请填写代签人的姓名</source>
        <translation>Enter the proxy&apos;s name</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms/signature_pad.py" line="321"/>
        <source>请填写代签原因</source>
        <translation>Enter the reason for the proxy signature</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../app/ui/forms/signature_pad.py" line="216"/>
        <source>在横线上方签名</source>
        <translation>Sign above the line</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="141"/>
        <source>与县里同步</source>
        <translation>Sync with the county</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="148"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="151"/>
        <location filename="../../app/ui/sync/sync_page.py" line="455"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="153"/>
        <location filename="../../app/ui/sync/sync_page.py" line="458"/>
        <source>把本机的更改传给县里，再取回县里下发的工作提示、问题清单和修改</source>
        <translation>Send this computer&apos;s changes to the county, then fetch the county&apos;s work prompts, problem lists and edits</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="206"/>
        <source>县服务器</source>
        <translation>County server</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="215"/>
        <source>如 http://192.168.1.10:8000</source>
        <translation>e.g. http://192.168.1.10:8000</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="225"/>
        <location filename="../../app/ui/sync/sync_page.py" line="263"/>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="226"/>
        <source>登记码</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="223"/>
        <source>https 地址且县里给了证书指纹时填写</source>
        <translation>For an https address, when the county gave a certificate fingerprint</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="224"/>
        <source>县服务器证书的 SHA-256 指纹（至少前16位）：本机只信任这张证书</source>
        <translation>The SHA-256 fingerprint of the county server&apos;s certificate (at least its first 16 digits): this device trusts that certificate alone</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="227"/>
        <source>证书指纹</source>
        <translation>Certificate fingerprint</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="231"/>
        <source>加入</source>
        <translation>Join</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="234"/>
        <source>从U盘文件加入…</source>
        <translation>Join from a USB file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="241"/>
        <source>登记码由县里提供，只能用一次。没有网络时，用县里给的登记文件（enroll-….json）从U盘加入。</source>
        <translation>The county gives you the enrollment code; it works once. Without a network, join with the county&apos;s enrollment file (enroll-….json) from a USB stick.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="256"/>
        <source>没有网络时可不填，用U盘同步</source>
        <translation>May be left empty without a network: sync by USB stick</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="257"/>
        <source>县服务器地址；改了以后，下次同步就用新地址</source>
        <translation>The county server&apos;s address; once changed, the next sync uses the new address</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="261"/>
        <source>县</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="262"/>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="264"/>
        <source>加入日期</source>
        <translation>Joined on</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="280"/>
        <source>同步状态</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="290"/>
        <source>上次同步</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="291"/>
        <source>待上传的更改</source>
        <translation>Changes to send</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="292"/>
        <source>被退回的记录</source>
        <translation>Rejected records</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="293"/>
        <source>待查看的冲突</source>
        <translation>Conflicts to review</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="299"/>
        <source>用U盘同步</source>
        <translation>Sync by USB stick</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="300"/>
        <source>没有网络时：把批次导出到U盘，带到乡镇导入县服务器；再把县里给的回执文件带回来导入。</source>
        <translation>Without a network: export the batch to a USB stick and take it to the township to import into the county server; then bring back the county&apos;s receipt file and import it.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="304"/>
        <source>导出批次到U盘…</source>
        <translation>Export batch to USB…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="307"/>
        <source>导入回执…</source>
        <translation>Import receipt…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="337"/>
        <source>上传的记录</source>
        <translation>Records sent</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="337"/>
        <source>县里接收</source>
        <translation>Accepted by the county</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="337"/>
        <source>被退回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="338"/>
        <source>采用的县里发布</source>
        <translation>County publications applied</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="338"/>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="383"/>
        <source>县里没有接收这些记录。按原因改正后，下次同步会重新上传。双击打开该户。</source>
        <translation>The county did not accept these records. Correct them as the reason says; the next sync sends them again. Double-click to open the household.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="384"/>
        <source>没有被退回的记录。</source>
        <translation>No rejected records.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="389"/>
        <source>同一字段在本机和县里都改过：较新的修改已保留，另一个值记在这里，请核对。双击打开该户。</source>
        <translation>The same field was edited here and at the county: the newer edit was kept and the other value is listed here for you to check. Double-click to open the household.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="390"/>
        <source>没有待查看的冲突。</source>
        <translation>No conflicts to review.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="393"/>
        <source>已查看</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="395"/>
        <source>把选中的冲突标为已查看，不再列出</source>
        <translation>Mark the selected conflicts as reviewed and stop listing them</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="405"/>
        <source>县里下发、尚未销号的问题（在“本月工作”的问题清单中销号）。双击打开该户。</source>
        <translation>Problems sent by the county that are not yet closed (close them in the problem list under &quot;This month&quot;). Double-click to open the household.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="406"/>
        <source>县里没有下发问题。</source>
        <translation>The county has sent no problems.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="429"/>
        <source>本机尚未加入县服务器</source>
        <translation>This computer has not joined a county server</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="430"/>
        <source>从未同步</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="431"/>
        <source>{0} 条记录</source>
        <translation>{0} records</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="432"/>
        <source>{0} 条</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="433"/>
        <source>{0} 处</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="443"/>
        <source>被退回的记录（{0}）</source>
        <translation>Rejected records ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="444"/>
        <source>冲突（{0}）</source>
        <translation>Conflicts ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="445"/>
        <source>县里下发的问题（{0}）</source>
        <translation>Problems from the county ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="455"/>
        <source>自动同步进行中…</source>
        <translation>Automatic sync running…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="457"/>
        <source>本机正在自动同步，结束后这里会显示结果</source>
        <translation>This laptop is syncing automatically; the result shows here when it ends</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="459"/>
        <source>请先加入县服务器</source>
        <translation>Join a county server first</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="483"/>
        <source>自动同步未完成</source>
        <translation>Automatic sync did not finish</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="527"/>
        <source>请填写县服务器地址。</source>
        <translation>Enter the county server&apos;s address.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="531"/>
        <source>请填写县里给的登记码。</source>
        <translation>Enter the enrollment code from the county.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="536"/>
        <source>正在联系县服务器…</source>
        <translation>Contacting the county server…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="556"/>
        <source>已加入{0}（{1}）。现在可以同步了。</source>
        <translation>Joined {0} ({1}). You can sync now.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="571"/>
        <source>选择县里给的登记文件</source>
        <translation>Choose the county&apos;s enrollment file</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="572"/>
        <source>登记文件 (*.json);;所有文件 (*)</source>
        <translation>Enrollment files (*.json);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="585"/>
        <source>已用登记文件加入{0}（{1}）。登记申请已写入：{2}
请把这个文件带到乡镇，由县里导入后，本机就可以同步了。</source>
        <translation>Joined {0} ({1}) with the enrollment file. Enrollment request written: {2}
Take this file to the township; once the county has imported it, this computer can sync.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="595"/>
        <source>本机代替丢失的电脑 {0}：同步时从县里取回全村档案。不能取回：</source>
        <translation>This laptop replaces the lost laptop {0}: syncing brings the whole village file back from the county. What cannot come back:</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="605"/>
        <source>请填写县服务器地址；没有网络时请用U盘同步。</source>
        <translation>Enter the county server&apos;s address; without a network, sync by USB stick.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="628"/>
        <source>正在连接县服务器…</source>
        <translation>Connecting to the county server…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="638"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="650"/>
        <source>正在上传更改：{0}/{1} 段</source>
        <translation>Sending changes: part {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="653"/>
        <source>正在接收县里的发布：已采用 {0} 项</source>
        <translation>Receiving county publications: {0} applied</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="668"/>
        <source>已取消同步</source>
        <translation>Sync cancelled</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="668"/>
        <source>已传的部分保留，下次同步会接着传。</source>
        <translation>What was sent is kept; the next sync continues from there.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="671"/>
        <source>同步未完成</source>
        <translation>Sync not finished</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="484"/>
        <location filename="../../app/ui/sync/sync_page.py" line="671"/>
        <source>本机的更改都还在，下次同步会接着传。</source>
        <translation>All changes on this computer are kept; the next sync continues from there.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="684"/>
        <source>同步完成</source>
        <translation>Sync complete</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="693"/>
        <source>没有要上传的更改，县里也没有新的发布。</source>
        <translation>Nothing to send, and nothing new from the county.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="695"/>
        <source>被退回的记录见下方列表，改正后下次同步会重新上传。</source>
        <translation>The rejected records are listed below; once corrected, the next sync sends them again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="697"/>
        <source>有字段在本机和县里都改过，请在下方“冲突”中核对。</source>
        <translation>Some fields were edited both here and at the county; check them under &quot;Conflicts&quot; below.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="701"/>
        <location filename="../../app/ui/sync/sync_page.py" line="761"/>
        <source>县里的发布 {0}（{1}）未能采用：{2}</source>
        <translation>County publication {0} ({1}) could not be applied: {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="717"/>
        <source>把批次保存到U盘</source>
        <translation>Save the batch to a USB stick</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="718"/>
        <source>同步批次 (*.zhb)</source>
        <translation>Sync batches (*.zhb)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="724"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="733"/>
        <source>没有待上传的更改，不需要导出。</source>
        <translation>No changes to send; nothing to export.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="736"/>
        <source>已导出批次：{0}（{1} 条记录）。带到乡镇导入县服务器后，把回执文件（.receipt.json）带回来，点“导入回执…”。</source>
        <translation>Batch exported: {0} ({1} records). Import it into the county server at the township, then bring back the receipt file (.receipt.json) and click &quot;Import receipt…&quot;.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="744"/>
        <source>选择县里给的回执文件</source>
        <translation>Choose the county&apos;s receipt file</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="745"/>
        <source>回执文件 (*.receipt.json *.json);;所有文件 (*)</source>
        <translation>Receipt files (*.receipt.json *.json);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="748"/>
        <source>正在导入回执…</source>
        <translation>Importing receipt…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="756"/>
        <source>回执已核验并采用：县里接收 {0} 条，退回 {1} 条；采用县里发布 {2} 项，冲突 {3} 处。</source>
        <translation>Receipt verified and applied: {0} accepted by the county, {1} rejected; {2} county publications applied, {3} conflicts.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/sync_page.py" line="759"/>
        <source>这份回执以前已经导入过。</source>
        <translation>This receipt was imported before.</translation>
    </message>
</context>
<context>
    <name>SystemPrint</name>
    <message>
        <location filename="../../app/ui/printing/system_print.py" line="38"/>
        <source>这台电脑上没有打印服务（CUPS）。请点“打开 PDF”，在阅读器中打印。</source>
        <translation>This computer has no print service (CUPS). Click “Open PDF” and print from the viewer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/system_print.py" line="47"/>
        <source>打印机没有接受这份文件：{0}</source>
        <translation>The printer did not accept the file: {0}</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="52"/>
        <source>驻村 Zhucun — 解锁</source>
        <translation>Zhucun — Unlock</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="58"/>
        <source>解锁数据库</source>
        <translation>Unlock the database</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="59"/>
        <source>数据文件夹：{0}</source>
        <translation>Data folder: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="71"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="72"/>
        <source>密码</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="81"/>
        <source>忘记密码？用恢复码</source>
        <translation>Forgot the passphrase? Use the recovery code</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="87"/>
        <location filename="../../app/ui/settings/unlock.py" line="149"/>
        <location filename="../../app/ui/settings/unlock.py" line="177"/>
        <location filename="../../app/ui/settings/unlock.py" line="192"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="107"/>
        <source>无法读取密钥文件：{0}</source>
        <translation>Could not read the key file: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="132"/>
        <source>正在解锁…</source>
        <translation>Unlocking...</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="154"/>
        <source>这个数据库已在另一个驻村窗口中打开。请先关闭那个窗口，再解锁。</source>
        <translation>This database is open in another Zhucun window. Close that window, then unlock.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="165"/>
        <source>无法解锁：{0}</source>
        <translation>Could not unlock: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="173"/>
        <source>解锁（{0}）</source>
        <translation>Unlock ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="174"/>
        <source>密码错误。请 {0} 秒后再试。</source>
        <translation>Wrong passphrase. Wait {0} s, then try again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="179"/>
        <source>密码错误，请重新输入。</source>
        <translation>Wrong passphrase; please enter it again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/unlock.py" line="193"/>
        <source>{0} 的密码已重设。请用新密码解锁。</source>
        <translation>{0}&apos;s passphrase has been reset. Unlock with the new passphrase.</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="171"/>
        <source>核对打印件</source>
        <translation>Verify a printout</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="173"/>
        <source>输入帮扶手册每页底部的核验码，或扫描二维码得到的文字，核对纸上的内容是否与台账一致。</source>
        <translation>Enter the verification code at the bottom of each handbook page, or the text its QR code scans to, to check that the paper matches the records.</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="178"/>
        <source>如 1a2b-3c4d-5e6f-7a8b</source>
        <translation>e.g. 1a2b-3c4d-5e6f-7a8b</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="181"/>
        <source>核对</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="189"/>
        <source>核验码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="225"/>
        <source>户主 {0}，户编号 {1}</source>
        <translation>Head {0}, household No. {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="227"/>
        <source>户主 {0}</source>
        <translation>Head {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="229"/>
        <source>打印时间 {0}</source>
        <translation>Printed {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="231"/>
        <source>现在的核验码 {0}</source>
        <translation>Current code {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="237"/>
        <source>与台账一致：{0}户的帮扶手册是最新的</source>
        <translation>Matches the records: the handbook of {0}&apos;s household is current</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="239"/>
        <source>家庭基本情况</source>
        <translation>household situation</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="239"/>
        <source>家庭成员</source>
        <translation>members</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="240"/>
        <source>三保障及饮水</source>
        <translation>guarantees and safe water</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="240"/>
        <source>收入情况</source>
        <translation>income</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="241"/>
        <source>监测帮扶</source>
        <translation>monitoring</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="241"/>
        <source>帮扶措施</source>
        <translation>measures</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="242"/>
        <source>帮扶责任人</source>
        <translation>pairing cadres</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="242"/>
        <source>走访记录</source>
        <translation>visits</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="242"/>
        <source>签字表单</source>
        <translation>signed forms</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="243"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="244"/>
        <source>内容</source>
        <translation>content</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="245"/>
        <source>{0}户的帮扶手册打印后台账已更新（{1}），请重新打印</source>
        <translation>The records of {0}&apos;s household changed after this handbook was printed ({1}); print it again</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="247"/>
        <source>这一户已不在台账中</source>
        <translation>This household is no longer in the records</translation>
    </message>
    <message>
        <location filename="../../app/ui/printing/print_other.py" line="248"/>
        <source>本台账中没有打印过这个核验码</source>
        <translation>No handbook with this code was printed from these records</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="215"/>
        <source>更正走访记录</source>
        <translation>Correct visit</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="215"/>
        <source>记录走访</source>
        <translation>Record visit</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="217"/>
        <source>{0} 户 · 更正走访</source>
        <translation>{0}&apos;s household · Correct visit</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="218"/>
        <source>{0} 户 · 记录走访</source>
        <translation>{0}&apos;s household · Record visit</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="226"/>
        <source>走访人，默认为当前用户</source>
        <translation>Who visited; by default the current user</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="235"/>
        <source>家庭生产生活、收入、三保障和饮水等情况</source>
        <translation>Livelihood, income, the three guarantees, drinking water and so on</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="240"/>
        <source>需要跟进的事项（可不填）</source>
        <translation>What needs following up (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="243"/>
        <source>为什么更正，例如：日期填错</source>
        <translation>Why it is corrected, e.g. wrong date</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="252"/>
        <source>方式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="254"/>
        <location filename="../../app/ui/households/visit_dialog.py" line="282"/>
        <source>走访人</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="256"/>
        <location filename="../../app/ui/households/visit_dialog.py" line="281"/>
        <source>走访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="257"/>
        <location filename="../../app/ui/households/visit_dialog.py" line="282"/>
        <source>见到的人</source>
        <translation>Person met</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="258"/>
        <location filename="../../app/ui/households/visit_dialog.py" line="283"/>
        <source>走访情况</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="259"/>
        <location filename="../../app/ui/households/visit_dialog.py" line="284"/>
        <source>发现的风险</source>
        <translation>Risks seen</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="260"/>
        <location filename="../../app/ui/households/visit_dialog.py" line="284"/>
        <source>后续措施</source>
        <translation>Follow-up actions</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="262"/>
        <location filename="../../app/ui/households/visit_dialog.py" line="285"/>
        <source>更正原因</source>
        <translation>Reason for correction</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="271"/>
        <source>原记录保留不变；更正后的记录取代它，并注明原因。</source>
        <translation>The original record is kept unchanged; the corrected record replaces it and says why.</translation>
    </message>
    <message>
        <location filename="../../app/ui/households/visit_dialog.py" line="281"/>
        <source>走访方式</source>
        <translation>Visit mode</translation>
    </message>
</context>
<context>
    <name>VisitMode</name>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="107"/>
        <source>入户</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="108"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/enum_labels.py" line="109"/>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
</context>
<context>
    <name>WorkDialog</name>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="167"/>
        <source>登记务工月数</source>
        <translation>Record months of work</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="168"/>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="169"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="170"/>
        <source>县外务工月数</source>
        <translation>Months worked outside the county</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="172"/>
        <source>务工地点</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../app/ui/householdfile/duty_dialogs.py" line="173"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>_Dialog</name>
    <message>
        <location filename="../../app/ui/settings/settings_page.py" line="61"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../app/ui/widgets/bilingual.py" line="21"/>
        <source>输入有误</source>
        <translation>Please check the entries</translation>
    </message>
</context>
</TS>
