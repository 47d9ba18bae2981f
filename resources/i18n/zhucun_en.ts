<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../app/ui/errors.py" line="26"/>
        <source>输入有误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="28"/>
        <source>无法打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="30"/>
        <source>无法执行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="32"/>
        <source>出错了</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="33"/>
        <source>程序错误</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../app/ui/settings_page.py" line="96"/>
        <source>添加队员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="96"/>
        <source>队员用自己的姓名和密码解锁这台电脑上的数据库。请让队员本人输入密码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="97"/>
        <location filename="../../app/ui/settings_page.py" line="130"/>
        <location filename="../../app/ui/settings_page.py" line="137"/>
        <source>添加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="102"/>
        <source>采集员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="103"/>
        <source>队长</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="104"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="105"/>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="107"/>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="107"/>
        <source>再输一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="122"/>
        <source>只有队长可以添加队员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="125"/>
        <source>正在添加…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="140"/>
        <source>已经有一位叫“{0}”的用户。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseStepDialog</name>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="140"/>
        <location filename="../../app/ui/case_dialogs.py" line="155"/>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="140"/>
        <location filename="../../app/ui/case_dialogs.py" line="153"/>
        <source>经办人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="141"/>
        <location filename="../../app/ui/case_dialogs.py" line="253"/>
        <source>监测对象类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="141"/>
        <location filename="../../app/ui/case_dialogs.py" line="258"/>
        <source>风险类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="142"/>
        <location filename="../../app/ui/case_dialogs.py" line="268"/>
        <location filename="../../app/ui/case_dialogs.py" line="281"/>
        <source>帮扶措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="142"/>
        <source>理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="143"/>
        <location filename="../../app/ui/case_dialogs.py" line="286"/>
        <source>消除方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="143"/>
        <location filename="../../app/ui/case_dialogs.py" line="317"/>
        <source>回头看结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="143"/>
        <location filename="../../app/ui/case_dialogs.py" line="259"/>
        <location filename="../../app/ui/case_dialogs.py" line="314"/>
        <location filename="../../app/ui/case_dialogs.py" line="326"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="144"/>
        <location filename="../../app/ui/case_dialogs.py" line="240"/>
        <source>线索来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="144"/>
        <source>人均纯收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="145"/>
        <source>监测收入基准线</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="145"/>
        <location filename="../../app/ui/case_dialogs.py" line="313"/>
        <source>劳动能力</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="146"/>
        <source>三保障</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="146"/>
        <source>饮水安全</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="173"/>
        <source>{0} 户 · {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="179"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="181"/>
        <source>保存 (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="183"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="187"/>
        <source>Ctrl+Enter 保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="241"/>
        <source>可能的风险</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="242"/>
        <source>线索情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="242"/>
        <source>发现了什么风险，从哪里得知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="245"/>
        <source>核查情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="245"/>
        <source>入户核查了解到的家庭收入、支出、三保障和饮水情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="249"/>
        <location filename="../../app/ui/case_dialogs.py" line="279"/>
        <source>请选择</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="259"/>
        <source>民主评议、公示、审核等情况（可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="262"/>
        <source>未纳入理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="262"/>
        <source>例如：经核查，收入稳定，三保障和饮水有保障</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="270"/>
        <source>帮扶计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="270"/>
        <source>措施内容、责任人、完成时间（可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="283"/>
        <source>措施内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="283"/>
        <source>例如：安排村保洁公益岗位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="288"/>
        <source>“三保障”已落实</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="290"/>
        <source>饮水安全有保障</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="297"/>
        <source>保障情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="302"/>
        <source>最近一次核算：人均纯收入 {0}，基准线 {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="305"/>
        <source>（低于基准线，不能风险消除）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="308"/>
        <source>尚未核算收入：风险消除前须先核算收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="310"/>
        <source>收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="312"/>
        <source>有劳动能力</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="312"/>
        <source>无劳动能力</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="313"/>
        <source>（来自成员信息）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="314"/>
        <source>可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="318"/>
        <source>稳定，无返贫风险</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="318"/>
        <source>发现返贫风险</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="319"/>
        <source>情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="319"/>
        <source>例如：收入稳定，三保障和饮水安全持续保障</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="322"/>
        <source>新的风险类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="323"/>
        <source>回退原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="323"/>
        <source>例如：家人患大病，医疗支出大</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="326"/>
        <source>例如：风险消除后四个季度回头看均稳定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="333"/>
        <source>登记后须在15天内完成入户核查和识别认定。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="334"/>
        <source>当前状态：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="338"/>
        <source>风险类型：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="340"/>
        <source>已有措施：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="342"/>
        <source>识别期限 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="344"/>
        <source>计划期限 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="364"/>
        <source>还没有对应措施的风险类型：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="367"/>
        <source>每个风险类型都有对应措施 ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="403"/>
        <source>回退须说明原因</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseSteps</name>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="30"/>
        <source>登记风险线索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="31"/>
        <location filename="../../app/ui/case_dialogs.py" line="47"/>
        <source>入户核查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="32"/>
        <location filename="../../app/ui/case_dialogs.py" line="48"/>
        <source>识别纳入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="33"/>
        <location filename="../../app/ui/case_dialogs.py" line="49"/>
        <source>核查未纳入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="34"/>
        <location filename="../../app/ui/case_dialogs.py" line="50"/>
        <source>制定帮扶计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="35"/>
        <location filename="../../app/ui/case_dialogs.py" line="51"/>
        <source>增加帮扶措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="36"/>
        <location filename="../../app/ui/case_dialogs.py" line="52"/>
        <source>风险消除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="37"/>
        <location filename="../../app/ui/case_dialogs.py" line="53"/>
        <source>回头看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="38"/>
        <source>回退监测</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="39"/>
        <source>结束回头看(稳定)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="46"/>
        <source>风险线索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="54"/>
        <source>回退</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/case_dialogs.py" line="55"/>
        <source>回头看结束(稳定)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <location filename="../../app/ui/settings_page.py" line="150"/>
        <source>修改我的密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="150"/>
        <source>只改密码，数据不会重新加密。恢复码不变。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="151"/>
        <location filename="../../app/ui/settings_page.py" line="182"/>
        <location filename="../../app/ui/settings_page.py" line="189"/>
        <source>修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="155"/>
        <source>用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="156"/>
        <source>当前密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="158"/>
        <source>新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="158"/>
        <source>再输一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="178"/>
        <source>正在修改…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="191"/>
        <source>当前密码不正确，密码没有修改。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DueTableModel</name>
    <message>
        <location filename="../../app/ui/home_page.py" line="227"/>
        <source>户主</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="227"/>
        <source>村民小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="227"/>
        <source>事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="227"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="228"/>
        <source>上次联系</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="228"/>
        <source>依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="230"/>
        <source>逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="230"/>
        <source>待完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="230"/>
        <source>已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="265"/>
        <source>无记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="272"/>
        <source>双击打开农户档案</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="350"/>
        <source>驻村 Zhucun — 开始使用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="364"/>
        <source>欢迎使用驻村</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="366"/>
        <source>防止返贫动态监测的走访记录和表格。数据加密保存在这台电脑上，不联网也能用。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="385"/>
        <location filename="../../app/ui/first_run.py" line="389"/>
        <location filename="../../app/ui/first_run.py" line="403"/>
        <source>建立新数据库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="387"/>
        <location filename="../../app/ui/first_run.py" line="392"/>
        <location filename="../../app/ui/first_run.py" line="472"/>
        <source>打开示范村</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="390"/>
        <source>为本工作队建立加密的数据库，您是第一位用户。正式使用请选这里。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="393"/>
        <source>一个虚构的村（{0} 户），用来培训和试用，里面的人和事都是编的。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="395"/>
        <location filename="../../app/ui/first_run.py" line="478"/>
        <source>示范村密码：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="398"/>
        <source>数据文件夹：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="405"/>
        <source>数据库用您的密码加密。请记住密码；忘记时可以用下一步给出的恢复码重设。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="412"/>
        <source>例如：张建国</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="415"/>
        <source>队长</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="416"/>
        <source>采集员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="417"/>
        <source>您的姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="418"/>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="420"/>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="420"/>
        <source>再输一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="432"/>
        <location filename="../../app/ui/first_run.py" line="499"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="434"/>
        <location filename="../../app/ui/first_run.py" line="543"/>
        <location filename="../../app/ui/first_run.py" line="549"/>
        <source>建立</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="449"/>
        <source>请保存恢复码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="451"/>
        <source>忘记密码时，恢复码是重新打开数据库的唯一办法。它只显示这一次：请打印或抄写下来，放在安全的地方，和电脑分开保管。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="462"/>
        <source>进入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="474"/>
        <source>正在建立一个虚构的村，用来培训和试用。以后锁定或重新打开时，请用下面的密码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="496"/>
        <source>示范村保存在：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="502"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="528"/>
        <source>正在建立…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="551"/>
        <location filename="../../app/ui/first_run.py" line="629"/>
        <source>这个文件夹里已经有数据库：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="555"/>
        <source>无法建立数据库：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="586"/>
        <source>正在建立示范村（{0} 户）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="602"/>
        <source>%v / %m 户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="608"/>
        <source>正在取消…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="625"/>
        <source>已取消，未留下示范村的文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="632"/>
        <source>无法建立示范村：{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../app/ui/home_page.py" line="356"/>
        <source>本月工作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="366"/>
        <source>本月工作提示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="373"/>
        <source>应走访清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="375"/>
        <source>全部事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="379"/>
        <source>显示已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="381"/>
        <source>记录走访…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="382"/>
        <source>为选中的农户记录一次走访或电话/微信联系</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="410"/>
        <source>即将到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="411"/>
        <location filename="../../app/ui/home_page.py" line="690"/>
        <source>识别认定15天、帮扶计划10天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="414"/>
        <source>户主</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="414"/>
        <source>环节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="414"/>
        <source>期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="414"/>
        <source>剩余</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="425"/>
        <source>{0}天内没有到期的识别或帮扶计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="431"/>
        <source>问题清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="432"/>
        <source>销号…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="433"/>
        <source>整改完成后销号：须写明如何整改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="438"/>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="438"/>
        <source>来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="449"/>
        <source>没有未销号的问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="454"/>
        <source>在村天数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="455"/>
        <source>每月不少于{0}天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="456"/>
        <location filename="../../app/ui/home_page.py" line="831"/>
        <source>今日签到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="467"/>
        <source>走访完成情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="468"/>
        <source>近六个月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="471"/>
        <location filename="../../app/ui/home_page.py" line="872"/>
        <source>计算中…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="547"/>
        <source>已完成 {0}/{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="549"/>
        <source>本月没有工作提示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="560"/>
        <source>截止 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="564"/>
        <source>✓ 已完成 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="566"/>
        <source>{0} 完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="572"/>
        <source>逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="574"/>
        <source>未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="579"/>
        <source>完成…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="580"/>
        <source>标记完成并写明情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="588"/>
        <source>完成工作任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="588"/>
        <source>完成情况（备注）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="589"/>
        <source>例如：已全部完成，共走访 32 户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="617"/>
        <source>待完成 {0} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="619"/>
        <source>，逾期 {0} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="621"/>
        <source>本月应走访的农户都已走访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="668"/>
        <source>识别认定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="670"/>
        <source>帮扶计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="687"/>
        <source>{0} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="689"/>
        <source>，已逾期 {0} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="694"/>
        <source>逾期 {0} 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="696"/>
        <source>今天到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="698"/>
        <source>还剩 {0} 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="699"/>
        <source>{0} · {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="702"/>
        <location filename="../../app/ui/home_page.py" line="731"/>
        <source>双击打开农户档案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="726"/>
        <source>未销号 {0} 项（县反馈 {1}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="761"/>
        <source>问题销号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="762"/>
        <source>整改情况（必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="763"/>
        <source>例如：已入户核实并补录住房安全等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="796"/>
        <source>本月尚无登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="798"/>
        <source>（我）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="810"/>
        <source>{0} 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="813"/>
        <source>还差 {0} 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="820"/>
        <source>未登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="831"/>
        <source>今天已签到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="832"/>
        <source>记一天在村：{0} 本月在村天数加 1，每天一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="845"/>
        <source>今天已签到，本月在村 {0} 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="859"/>
        <source>已签到：{0}，本月在村 {1} 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="898"/>
        <source>{0}年{1}月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="899"/>
        <source>{0}月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="900"/>
        <source>完成 {0}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="902"/>
        <source>应走访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="903"/>
        <source>已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="912"/>
        <source>无法计算：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="920"/>
        <source>待走访 &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="922"/>
        <source>&lt;span style=&quot;color:{0}&quot;&gt;逾期 &lt;b&gt;{1}&lt;/b&gt;&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="923"/>
        <source>工作任务 &lt;b&gt;{0}/{1}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="925"/>
        <source>&lt;span style=&quot;color:{0}&quot;&gt;任务逾期 &lt;b&gt;{1}&lt;/b&gt;&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="927"/>
        <source>案例到期 &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="928"/>
        <source>未销号问题 &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="173"/>
        <source>编辑农户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="173"/>
        <location filename="../../app/ui/household_dialog.py" line="176"/>
        <source>添加农户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="176"/>
        <source>编辑农户信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="178"/>
        <source>（未设置所在村）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="182"/>
        <location filename="../../app/ui/household_dialog.py" line="183"/>
        <source>户主姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="188"/>
        <source>户类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="191"/>
        <source>（请选择）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="192"/>
        <source>监测对象类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="198"/>
        <source>如 第一村民小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="200"/>
        <source>村民小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="204"/>
        <location filename="../../app/ui/household_dialog.py" line="205"/>
        <source>户编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="208"/>
        <source>手机或区号-固话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="209"/>
        <source>联系电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="213"/>
        <source>住址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="217"/>
        <source>在家的户入户走访，外出的户电话或微信联系</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="218"/>
        <source>居住情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="233"/>
        <source>户属性</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="236"/>
        <source>未评定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="237"/>
        <source>住房安全等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="239"/>
        <source>饮水安全有保障</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="241"/>
        <source>饮水安全</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="247"/>
        <source>帮扶干部姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="248"/>
        <source>帮扶责任人</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HouseholdFilePage</name>
    <message>
        <location filename="../../app/ui/household_file.py" line="297"/>
        <source>← 返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="298"/>
        <source>返回上一页 (Alt+←)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="306"/>
        <location filename="../../app/ui/household_file.py" line="844"/>
        <source>记录走访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="308"/>
        <location filename="../../app/ui/household_file.py" line="589"/>
        <source>添加成员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="337"/>
        <source>逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="339"/>
        <source>须纳入监测</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="344"/>
        <source>户编号 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="345"/>
        <source>电话 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="346"/>
        <source>帮扶责任人 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="380"/>
        <source>找不到该户（可能已删除）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="420"/>
        <source>概况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="439"/>
        <source>逾期提醒</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="444"/>
        <source>基本情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="448"/>
        <source>地址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="449"/>
        <source>所在地</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="451"/>
        <source>户类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="453"/>
        <source>居住情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="454"/>
        <source>户标识</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="454"/>
        <location filename="../../app/ui/household_file.py" line="456"/>
        <location filename="../../app/ui/household_file.py" line="495"/>
        <location filename="../../app/ui/household_file.py" line="529"/>
        <source>无</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="455"/>
        <location filename="../../app/ui/household_file.py" line="474"/>
        <source>住房安全</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="455"/>
        <source>未评定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="456"/>
        <source>有无赡养(抚养)人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="456"/>
        <source>有</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="458"/>
        <source>纳入监测</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="461"/>
        <location filename="../../app/ui/household_file.py" line="619"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="470"/>
        <source>三保障及饮水</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="473"/>
        <source>义务教育</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="473"/>
        <source>基本医疗</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="474"/>
        <source>饮水安全</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="478"/>
        <source>有保障</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="478"/>
        <source>未保障</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="484"/>
        <location filename="../../app/ui/household_file.py" line="737"/>
        <source>风险类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="491"/>
        <source>（风险已消除）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="498"/>
        <source>须纳入监测的情形</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="500"/>
        <source>以下情形由软件按档案判断，须经核实后登记风险线索。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="502"/>
        <source>情形{0}：{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="507"/>
        <source>未发现五种须纳入监测的情形</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="518"/>
        <source>是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="518"/>
        <source>否</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="519"/>
        <source>耕地</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="519"/>
        <source>林地</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="520"/>
        <source>退耕还林</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="520"/>
        <source>林果地</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="521"/>
        <source>牧草地</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="521"/>
        <source>水面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="526"/>
        <source>{0} {1} 亩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="529"/>
        <source>土地</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="531"/>
        <source>住房面积</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="531"/>
        <source>{0} 平方米</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="533"/>
        <source>已硬化</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="533"/>
        <source>未硬化</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="535"/>
        <source>，距离 {0} 米</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="536"/>
        <source>入户路</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="538"/>
        <source>主要燃料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="540"/>
        <source>卫生厕所</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="542"/>
        <source>加入合作社</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="544"/>
        <source>能否自身解决困难</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="562"/>
        <source>{0}个月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="564"/>
        <source>公益岗位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="566"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="567"/>
        <source>与户主关系</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="568"/>
        <source>性别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="569"/>
        <source>年龄</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="570"/>
        <source>身份证号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="571"/>
        <source>健康状况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="572"/>
        <source>（{0}级）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="573"/>
        <source>在校情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="575"/>
        <source>劳动技能</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="576"/>
        <source>务工</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="577"/>
        <source>医保</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="591"/>
        <source>双击一行修改成员信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="597"/>
        <source>成员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="605"/>
        <source>成员 ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="613"/>
        <source>核算日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="614"/>
        <source>家庭人口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="615"/>
        <source>家庭纯收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="616"/>
        <source>人均纯收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="617"/>
        <source>基准线</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="618"/>
        <source>对比基准线</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="618"/>
        <source>低于</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="618"/>
        <source>高于</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="633"/>
        <source>核算收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="639"/>
        <source>收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="642"/>
        <source>务工收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="642"/>
        <source>公益性岗位收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="643"/>
        <source>生产经营收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="643"/>
        <source>财产性收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="644"/>
        <source>资产收益分红</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="644"/>
        <source>养老金</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="645"/>
        <source>计划生育金</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="645"/>
        <source>生态补偿金</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="646"/>
        <source>低保金</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="646"/>
        <source>特困供养金</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="647"/>
        <source>其他转移性收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="647"/>
        <source>生产经营性支出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="656"/>
        <source>收入按核算日前12个月计算；鼠标停在一行上可看明细</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="657"/>
        <source>尚未核算收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="677"/>
        <source>经过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="682"/>
        <source>监测帮扶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="689"/>
        <source>{0} 起 · {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="710"/>
        <source>四个季度回头看完成或风险消除满一年（{0}）后才能结束</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="715"/>
        <source>本户没有监测帮扶案例</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="716"/>
        <source>发现返贫致贫风险时，点“登记风险线索”开始：15天内入户核查并识别认定，识别后10天内制定帮扶计划。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="722"/>
        <source>监测帮扶案例</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="735"/>
        <source>未识别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="735"/>
        <source>（线索：{0}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="738"/>
        <source>帮扶措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="738"/>
        <source>尚未制定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="740"/>
        <source>缺少措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="740"/>
        <source>{0} 还没有对应的帮扶措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="742"/>
        <source>线索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="742"/>
        <source>识别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="743"/>
        <source>计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="743"/>
        <source>消除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="744"/>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="747"/>
        <source>下一期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="778"/>
        <source>{0} 前完成识别认定（发现线索后15天）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="780"/>
        <source>{0} 前制定帮扶计划（识别后10天）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="782"/>
        <source>{0} 前补齐帮扶措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="786"/>
        <source>第{0}次回头看：{1} 前（当季度内）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="788"/>
        <source>回头看已完成，可结束回头看（满一年：{0}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="790"/>
        <source>已稳定，结束回头看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="800"/>
        <source>来源：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="802"/>
        <source>类别：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="804"/>
        <source>风险类型：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="806"/>
        <location filename="../../app/ui/household_file.py" line="808"/>
        <source>措施：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="810"/>
        <source>方式：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="812"/>
        <source>结果：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="813"/>
        <source>稳定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="813"/>
        <source>发现风险</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="815"/>
        <source>人均纯收入 {0}（基准线 {1}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="818"/>
        <source>人均纯收入约 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="820"/>
        <source>理由：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="841"/>
        <source>显示全部走访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="854"/>
        <source>走访记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="862"/>
        <source>尚无走访记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="864"/>
        <source>最近 {0} 次走访，新的在上；右键一条可更正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="866"/>
        <source>共 {0} 次走访，新的在上；右键一条可更正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="868"/>
        <source>走访记录 ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="879"/>
        <source>已更正：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="885"/>
        <source>走访人 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="887"/>
        <source>见到 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="896"/>
        <source>发现风险：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="898"/>
        <source>后续：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="909"/>
        <source>更正…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="920"/>
        <source>表单与签名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="921"/>
        <source>本户的信息采集表及调查人、户主签名会列在这里。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="922"/>
        <source>尚无表单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_file.py" line="928"/>
        <source>表单</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HouseholdModel</name>
    <message>
        <location filename="../../app/ui/households_page.py" line="91"/>
        <source>户编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="91"/>
        <source>户主</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="91"/>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="91"/>
        <source>村民小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="91"/>
        <source>电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="92"/>
        <source>帮扶责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="210"/>
        <source>风险已消除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="210"/>
        <source>风险未消除</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <location filename="../../app/ui/households_page.py" line="234"/>
        <source>农户档案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="237"/>
        <source>添加农户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="242"/>
        <source>姓名、拼音、首字母、身份证或电话号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="246"/>
        <source>全部类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="252"/>
        <location filename="../../app/ui/households_page.py" line="356"/>
        <source>全部小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="253"/>
        <location filename="../../app/ui/households_page.py" line="428"/>
        <source>本月应走访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="254"/>
        <source>本月还须入户走访、电话或微信联系、回头看的户（含逾期）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="255"/>
        <source>有未销号问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="256"/>
        <source>问题清单中尚未销号的户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="388"/>
        <source>共 {0} 户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="393"/>
        <source>没有符合条件的农户。可换个写法，或清除筛选条件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="395"/>
        <source>还没有农户档案。点“添加农户”录入第一户。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/households_page.py" line="418"/>
        <source>本月应走访（计算中…）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncomeDialog</name>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="54"/>
        <source>核算收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="58"/>
        <source>工资性收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="58"/>
        <source>务工收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="58"/>
        <source>公益性岗位收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="59"/>
        <source>生产经营性收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="59"/>
        <source>生产经营收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="60"/>
        <source>财产性收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="60"/>
        <source>资产收益分红</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="61"/>
        <source>转移性收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="61"/>
        <source>养老金</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="61"/>
        <source>计划生育金</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="62"/>
        <source>生态补偿金</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="62"/>
        <source>低保金</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="63"/>
        <source>特困供养金</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="63"/>
        <source>其他转移性收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="64"/>
        <source>支出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="64"/>
        <source>生产经营性支出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="67"/>
        <location filename="../../app/ui/income_dialog.py" line="75"/>
        <source>核算日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="67"/>
        <location filename="../../app/ui/income_dialog.py" line="78"/>
        <source>家庭人口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="68"/>
        <location filename="../../app/ui/income_dialog.py" line="134"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="71"/>
        <source>{0} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="81"/>
        <source>金额单位：元，按核算日前12个月计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="117"/>
        <source>家庭纯收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="118"/>
        <source>人均纯收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="119"/>
        <source>监测收入基准线</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="132"/>
        <source>收入来源说明；人均纯收入低于4,000元时须填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="137"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="139"/>
        <source>保存 (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="141"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="145"/>
        <source>Ctrl+Enter 保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="153"/>
        <source>{0} 户 · 核算收入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="204"/>
        <source>未设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="209"/>
        <source>低于基准线 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="212"/>
        <source>高于基准线</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="217"/>
        <source>标红的金额格式有误，应如 6900 或 6,900.50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="221"/>
        <source>（请在备注中说明）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/income_dialog.py" line="257"/>
        <source>已保存，请注意</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main.py" line="66"/>
        <source>驻村 Zhucun — 防止返贫动态监测</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="72"/>
        <source>驻村</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="75"/>
        <source>用户：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="77"/>
        <source>锁定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="78"/>
        <source>锁定 (Ctrl+L)：隐藏所有记录，需重新输入密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="93"/>
        <source>本月工作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="93"/>
        <source>农户档案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="94"/>
        <source>工作提示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="94"/>
        <source>设置</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="50"/>
        <source>编辑成员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="50"/>
        <source>添加成员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="52"/>
        <source>编辑成员信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="52"/>
        <source>添加家庭成员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="53"/>
        <source>户主：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="57"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="61"/>
        <source>18位，末位可为X</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="62"/>
        <location filename="../../app/ui/member_dialog.py" line="198"/>
        <source>填入身份证号后自动填写出生日期和性别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="71"/>
        <source>身份证号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="74"/>
        <location filename="../../app/ui/member_dialog.py" line="86"/>
        <location filename="../../app/ui/member_dialog.py" line="108"/>
        <source>（请选择）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="80"/>
        <source>未填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="82"/>
        <source>性别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="83"/>
        <source>出生日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="87"/>
        <source>与户主关系</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="93"/>
        <source>民族</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="96"/>
        <source>（未填写）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="97"/>
        <source>文化程度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="101"/>
        <source>在校生状况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="105"/>
        <source>健康状况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="109"/>
        <source>一级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="109"/>
        <source>二级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="109"/>
        <source>三级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="109"/>
        <source>四级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="111"/>
        <source>持残疾证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="117"/>
        <source>残疾等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="119"/>
        <source>残疾证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="123"/>
        <source>劳动技能</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="126"/>
        <source>元，如 3500 或 3,500.50；未务工留空</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="136"/>
        <source>月工资（元）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="138"/>
        <location filename="../../app/ui/member_dialog.py" line="152"/>
        <source>公益性岗位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="139"/>
        <source>城乡居民基本医疗保险</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="141"/>
        <location filename="../../app/ui/member_dialog.py" line="154"/>
        <source>大病保险</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="142"/>
        <location filename="../../app/ui/member_dialog.py" line="155"/>
        <source>养老保险</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="151"/>
        <source>保险与岗位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="153"/>
        <source>医疗保险</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="160"/>
        <source>手机或区号-固话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="161"/>
        <source>联系电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="201"/>
        <source>已输入 {0}/18 位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialog.py" line="212"/>
        <source>出生日期 {0}，性别 {1}（由身份证号得出）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonthSelector</name>
    <message>
        <location filename="../../app/ui/home_page.py" line="83"/>
        <source>上个月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="85"/>
        <source>下个月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="95"/>
        <source>本月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="124"/>
        <source>{0}年{1}月</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../app/ui/home_page.py" line="150"/>
        <source>完成日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="164"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="167"/>
        <source>确定</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphrasePair</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="93"/>
        <source>至少 {0} 个字符</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="120"/>
        <source>密码至少 {0} 个字符；越长越安全，可以用一句话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="121"/>
        <source>太短：至少 {0} 个字符（现在 {1} 个）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="122"/>
        <source>强度：弱 — 再长一些，或混用字母、数字和符号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="123"/>
        <source>强度：中 — 可以使用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="124"/>
        <source>强度：强</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="131"/>
        <source>；两次输入的密码不一致</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptsPage</name>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="56"/>
        <source>工作提示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="69"/>
        <source>本月任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="70"/>
        <location filename="../../app/ui/prompts_page.py" line="118"/>
        <source>标记完成…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="71"/>
        <source>标记选中的任务已完成，并写明完成情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="76"/>
        <location filename="../../app/ui/prompts_page.py" line="107"/>
        <source>任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="76"/>
        <source>截止日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="76"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="76"/>
        <source>完成日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="77"/>
        <source>完成人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="77"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="90"/>
        <source>本月没有工作提示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="99"/>
        <source>双击未完成的任务即可标记完成。工作提示由县、乡下发，随每月同步更新。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="104"/>
        <source>往月未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="107"/>
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="107"/>
        <source>截止</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="121"/>
        <source>往月任务均已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="124"/>
        <source>双击查看该月的工作提示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="175"/>
        <source>已完成 {0}/{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="182"/>
        <source>已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="182"/>
        <source>逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="182"/>
        <source>未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="208"/>
        <location filename="../../app/ui/prompts_page.py" line="215"/>
        <source>已完成 {0}/{1}，逾期 {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="210"/>
        <source>{0} 份工作提示，{1} 项任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="227"/>
        <source>截止日期：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="227"/>
        <source>未定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="229"/>
        <source>{0} 由 {1} 完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="231"/>
        <source>备注：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="247"/>
        <source>完成工作任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="247"/>
        <source>完成情况（备注）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="248"/>
        <source>例如：已全部完成，共走访 32 户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="268"/>
        <source>{0}年{1}月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/prompts_page.py" line="277"/>
        <source>{0} 项</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="83"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialog.py" line="85"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryCodeView</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="239"/>
        <source>打印/保存为PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="241"/>
        <source>复制</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="252"/>
        <source>我已妥善保存恢复码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="270"/>
        <source>已复制。粘贴到安全的地方后，请清空剪贴板。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="275"/>
        <source>驻村恢复码-{0}-{1}.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="279"/>
        <source>保存恢复码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="280"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="285"/>
        <source>正在生成 PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="295"/>
        <source>已保存：{0}&#x3000;&lt;a href=&quot;{1}&quot;&gt;打开并打印&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="297"/>
        <source>注意：PDF 字体里没有姓名中的“{0}”，打印后请手写补上。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="303"/>
        <source>无法保存 PDF：{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../app/ui/unlock.py" line="211"/>
        <location filename="../../app/ui/unlock.py" line="222"/>
        <source>用恢复码重设密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="223"/>
        <source>输入建立数据库时保存的恢复码（30 个字母和数字，短横线可以不输），再设一个新密码。重设后旧恢复码作废，会给出新的恢复码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="240"/>
        <source>用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="241"/>
        <source>恢复码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="243"/>
        <source>新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="243"/>
        <source>再输一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="251"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="253"/>
        <location filename="../../app/ui/unlock.py" line="322"/>
        <source>重设密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="269"/>
        <source>密码已重设：请保存新的恢复码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="270"/>
        <source>旧恢复码已经作废。新的恢复码只显示这一次：请打印或抄写下来，放在安全的地方。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="273"/>
        <source>我已妥善保存新的恢复码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="278"/>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="304"/>
        <source>正在重设…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="324"/>
        <source>这个数据库已在另一个驻村窗口中打开。请先关闭那个窗口。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="326"/>
        <source>恢复码错误。请核对后重新输入（0 是数字零，1 是数字一）。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoverySheet</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="166"/>
        <source>没有找到可用于 PDF 的中文字体（请安装 fonts-wqy-microhei）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="184"/>
        <source>用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="185"/>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="187"/>
        <source>数据文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="195"/>
        <source>驻村 Zhucun — 恢复码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="196"/>
        <source>忘记密码时，用这个恢复码可以重设密码，重新打开加密的数据库。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="198"/>
        <source>请把这张纸放在安全的地方，例如上锁的抽屉，和电脑分开保管。不要拍照，不要发给别人：任何人拿到恢复码都能打开这个数据库。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="201"/>
        <source>每次用恢复码重设密码后，会生成新的恢复码，这张纸随之作废。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="203"/>
        <source>恢复码里没有字母 I、L、O、U：看到 0 是数字零，1 是数字一。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="207"/>
        <source>驻村恢复码</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../app/ui/settings_page.py" line="204"/>
        <source>从备份恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="205"/>
        <source>备份会恢复到一个新的文件夹，正在使用的数据库不受影响。恢复时会核验备份的完整性和审计记录。需要输入备份时任一用户的密码，或当时的恢复码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="206"/>
        <location filename="../../app/ui/settings_page.py" line="298"/>
        <source>恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="214"/>
        <source>备份文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="217"/>
        <source>选择…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="221"/>
        <source>恢复到（新文件夹）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="223"/>
        <source>用密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="224"/>
        <source>用恢复码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="232"/>
        <source>解锁方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="235"/>
        <source>密码或恢复码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="255"/>
        <source>恢复到哪个文件夹（请选空文件夹）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="272"/>
        <location filename="../../app/ui/settings_page.py" line="304"/>
        <source>这个文件夹里已经有数据库。请选一个新的或空的文件夹。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="277"/>
        <source>正在恢复…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="287"/>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="290"/>
        <source>已恢复到：{0}
核验了 {1} 条审计记录，备份完好。

正在使用的数据库没有改动。要打开恢复的数据库，请关闭驻村，再运行：
zhucun --data &quot;{0}&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="300"/>
        <source>密码不正确：请输入备份时任一用户的密码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="302"/>
        <source>恢复码不正确。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="306"/>
        <source>无法恢复：{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../app/ui/settings_page.py" line="341"/>
        <source>设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="365"/>
        <source>这台电脑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="374"/>
        <source> 分钟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="378"/>
        <source>界面语言</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="379"/>
        <source>无操作自动锁定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="381"/>
        <source>锁定后屏幕上不留任何记录，需要重新输入密码。离开电脑时也可以按 Ctrl+L 立即锁定。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="386"/>
        <source>队员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="388"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="388"/>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="388"/>
        <source>加入日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="400"/>
        <source>添加队员…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="402"/>
        <source>修改我的密码…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="414"/>
        <location filename="../../app/ui/settings_page.py" line="532"/>
        <source>备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="416"/>
        <source>备份文件和数据库一样是加密的，要用队员的密码或恢复码才能打开。请定期备份到U盘，和电脑分开保管。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="419"/>
        <source>备份到文件夹或U盘…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="421"/>
        <source>从备份恢复…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="434"/>
        <source>关于</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="440"/>
        <source>驻村 Zhucun {0} — 防止返贫动态监测</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="441"/>
        <source>驻村 Zhucun — 防止返贫动态监测</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="442"/>
        <source>数据文件夹：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="466"/>
        <source>只有队长可以添加队员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="473"/>
        <source>队长</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="473"/>
        <source>采集员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="478"/>
        <source>{0}（我）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="480"/>
        <source>{0}（已停用）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="507"/>
        <source>已添加队员：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="512"/>
        <source>密码已修改。下次解锁请用新密码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="521"/>
        <source>备份到哪里（文件夹或U盘）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="527"/>
        <source>请选数据文件夹以外的位置，最好是U盘。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="531"/>
        <source>正在备份…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="550"/>
        <source>已备份到：{0}（{1}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="552"/>
        <source>备份完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="558"/>
        <source>备份失败：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="566"/>
        <source>选择备份文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="567"/>
        <source>驻村备份 (*.zhucun-backup);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_page.py" line="572"/>
        <source>已恢复到：{0}（用 zhucun --data 打开）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../app/ui/unlock.py" line="51"/>
        <source>驻村 Zhucun — 解锁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="57"/>
        <source>解锁数据库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="58"/>
        <source>数据文件夹：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="70"/>
        <source>用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="71"/>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="80"/>
        <source>忘记密码？用恢复码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="86"/>
        <location filename="../../app/ui/unlock.py" line="148"/>
        <location filename="../../app/ui/unlock.py" line="176"/>
        <location filename="../../app/ui/unlock.py" line="191"/>
        <source>解锁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="106"/>
        <source>无法读取密钥文件：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="131"/>
        <source>正在解锁…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="153"/>
        <source>这个数据库已在另一个驻村窗口中打开。请先关闭那个窗口，再解锁。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="164"/>
        <source>无法解锁：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="172"/>
        <source>解锁（{0}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="173"/>
        <source>密码错误。请 {0} 秒后再试。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="178"/>
        <source>密码错误，请重新输入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock.py" line="192"/>
        <source>{0} 的密码已重设。请用新密码解锁。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="151"/>
        <source>更正走访记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="151"/>
        <source>记录走访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="153"/>
        <source>{0} 户 · 更正走访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="154"/>
        <source>{0} 户 · 记录走访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="162"/>
        <source>走访人，默认为当前用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="171"/>
        <source>家庭生产生活、收入、三保障和饮水等情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="176"/>
        <source>需要跟进的事项（可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="179"/>
        <source>为什么更正，例如：日期填错</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="188"/>
        <source>方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="190"/>
        <location filename="../../app/ui/visit_dialog.py" line="230"/>
        <source>走访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="192"/>
        <location filename="../../app/ui/visit_dialog.py" line="229"/>
        <source>走访日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="193"/>
        <location filename="../../app/ui/visit_dialog.py" line="230"/>
        <source>见到的人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="194"/>
        <location filename="../../app/ui/visit_dialog.py" line="231"/>
        <source>走访情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="195"/>
        <location filename="../../app/ui/visit_dialog.py" line="232"/>
        <source>发现的风险</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="196"/>
        <location filename="../../app/ui/visit_dialog.py" line="232"/>
        <source>后续措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="198"/>
        <location filename="../../app/ui/visit_dialog.py" line="233"/>
        <source>更正原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="201"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="203"/>
        <source>保存 (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="205"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="209"/>
        <source>Ctrl+Enter 保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="219"/>
        <source>原记录保留不变；更正后的记录取代它，并注明原因。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/visit_dialog.py" line="229"/>
        <source>走访方式</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Dialog</name>
    <message>
        <location filename="../../app/ui/settings_page.py" line="66"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>obj</name>
    <message>
        <location filename="../../app/ui/home_page.py" line="292"/>
        <source>入户走访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="292"/>
        <source>电话/微信联系</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="293"/>
        <source>消除风险后回头看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/home_page.py" line="293"/>
        <source>年度入户走访</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
