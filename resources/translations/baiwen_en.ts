<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AddTrainerDialog</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="66"/>
        <source>添加管理员账号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="69"/>
        <source>可选，如：张老师</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="70"/>
        <source>至少 {0} 位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="71"/>
        <source>再输入一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="72"/>
        <source>可以管理其他账号（管理员）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="76"/>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="77"/>
        <source>显示名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="78"/>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="79"/>
        <source>确认密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="83"/>
        <source>添加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="84"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="91"/>
        <source>请填写用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="93"/>
        <source>密码至少 {0} 位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="95"/>
        <source>两次输入的密码不一致</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnswerSheet</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/answer_sheet.py" line="39"/>
        <source>答题卡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/answer_sheet.py" line="51"/>
        <source>{0}（{1} 题）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/answer_sheet.py" line="74"/>
        <location filename="../../baiwen_desktop/ui/station/answer_sheet.py" line="112"/>
        <source>已答</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/answer_sheet.py" line="74"/>
        <location filename="../../baiwen_desktop/ui/station/answer_sheet.py" line="112"/>
        <source>未答</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/answer_sheet.py" line="74"/>
        <source>标记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/answer_sheet.py" line="114"/>
        <source>，已标记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/answer_sheet.py" line="115"/>
        <source>第 {0} 题：{1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="19"/>
        <source>日志</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="19"/>
        <source>系统记录的所有操作：登录、开考、交卷、改分、导入等，不能修改或删除。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="21"/>
        <source>搜索：操作人、考生、详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="24"/>
        <source>全部事件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="28"/>
        <source>考生工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="33"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="37"/>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="51"/>
        <source>事件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="39"/>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="52"/>
        <source>考生</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="41"/>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="53"/>
        <source>考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="49"/>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="50"/>
        <source>操作人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="54"/>
        <source>考点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="55"/>
        <source>详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="57"/>
        <source>在结果中筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="77"/>
        <source>全部考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/audit_page.py" line="90"/>
        <source>只显示最近 {0} 条，请用上面的条件缩小范围</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BankImportDialog</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_import.py" line="32"/>
        <source>导入题库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_import.py" line="33"/>
        <source>请使用「下载导入模板」得到的表格填写。有任何错误时不会导入任何数据；题型和题干相同的题目算作重复，不会重复加入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_import.py" line="35"/>
        <source>题型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_import.py" line="36"/>
        <source>题干</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_import.py" line="37"/>
        <source>答案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_import.py" line="38"/>
        <source>出处</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_import.py" line="47"/>
        <source>输入新题库名称或选择已有题库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_import.py" line="48"/>
        <source>导入到题库：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_import.py" line="59"/>
        <source>检查通过：{0} 道题，没有错误。选择要导入的题库后点「导入」。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_import.py" line="62"/>
        <source>导入 {0} 道题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_import.py" line="66"/>
        <source>请填写要导入到的题库名称</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BankPage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="47"/>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="66"/>
        <source>题库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="47"/>
        <source>内置题库只读，可「复制为新题库」后修改；自建题库可以导入、编辑和导出。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="57"/>
        <source>复制为新题库…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="59"/>
        <source>导入 Excel/CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="61"/>
        <source>导出…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="63"/>
        <source>下载导入模板…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="76"/>
        <source>题号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="77"/>
        <source>题型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="78"/>
        <source>出处</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="79"/>
        <source>难度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="80"/>
        <source>分值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="81"/>
        <source>题干</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="91"/>
        <source>新建题目…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="93"/>
        <source>编辑…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="95"/>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="122"/>
        <source>搜索题干文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="125"/>
        <source>全部题型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="129"/>
        <source>全部章节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="133"/>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="208"/>
        <source>全部出处</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="136"/>
        <source>知识点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="140"/>
        <source>全部难度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="142"/>
        <source>难度 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="174"/>
        <source>内置题库只读，请先「复制为新题库」</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="189"/>
        <source>{0}（{1} 题，内置只读）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="189"/>
        <source>{0}（{1} 题）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="223"/>
        <source>找到 {0} 题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="259"/>
        <source>已保存题目 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="266"/>
        <source>删除题目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="266"/>
        <source>确定从“{0}”删除题目 {1} 吗？
{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="270"/>
        <source>已删除题目 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="279"/>
        <source>复制为新题库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="279"/>
        <source>新题库名称：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="279"/>
        <source>{0}（副本）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="285"/>
        <source>已复制为新题库“{0}”（{1} 题），现在可以编辑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="292"/>
        <source>选择题库文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="292"/>
        <source>题库表格 (*.xlsx *.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="310"/>
        <source>已导入 {0} 道题；{1} 道与题库中已有题目重复，未再加入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="319"/>
        <source>导出题库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="319"/>
        <source>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="329"/>
        <source>已导出 {0} 道题到 {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="330"/>
        <source>正在导出题库…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="334"/>
        <source>保存导入模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="334"/>
        <source>题库导入模板.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="334"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/bank_page.py" line="338"/>
        <source>模板已保存到 {0}，填好后用「导入」导入</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BlankAnswer</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/answer_widgets.py" line="144"/>
        <location filename="../../baiwen_desktop/ui/station/answer_widgets.py" line="151"/>
        <source>第{0}空</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CandidateDialog</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/candidate_dialog.py" line="19"/>
        <source>编辑考生</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/candidate_dialog.py" line="19"/>
        <source>新增考生</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/candidate_dialog.py" line="30"/>
        <source>选择或输入新的班级/批次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/candidate_dialog.py" line="33"/>
        <source>工号 *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/candidate_dialog.py" line="34"/>
        <source>姓名 *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/candidate_dialog.py" line="35"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/candidate_dialog.py" line="36"/>
        <source>岗位/班组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/candidate_dialog.py" line="37"/>
        <source>班级/批次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/candidate_dialog.py" line="40"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/candidate_dialog.py" line="41"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/candidate_dialog.py" line="63"/>
        <source>工号和姓名不能为空</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertPage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/cert_page.py" line="16"/>
        <source>证书核验</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/cert_page.py" line="16"/>
        <source>扫描合格证书上的二维码，核对证书是否由本系统签发、内容是否被改动。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/cert_page.py" line="19"/>
        <source>导出验证公钥…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/cert_page.py" line="20"/>
        <source>其他单位可用此公钥离线核验本站签发的证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/cert_page.py" line="28"/>
        <source>导出验证公钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/cert_page.py" line="31"/>
        <source>公钥已导出到 {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertVerifyDialog</name>
    <message>
        <location filename="../../baiwen_desktop/ui/cert_verify_dialog.py" line="57"/>
        <source>证书核验</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertVerifyPanel</name>
    <message>
        <location filename="../../baiwen_desktop/ui/cert_verify_dialog.py" line="20"/>
        <source>用扫码枪或手机扫描证书上的二维码，把读出的文字粘贴到下面：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/cert_verify_dialog.py" line="24"/>
        <source>核验</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/cert_verify_dialog.py" line="36"/>
        <source>请先粘贴二维码内容。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/cert_verify_dialog.py" line="44"/>
        <source>证书编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/cert_verify_dialog.py" line="44"/>
        <source>工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/cert_verify_dialog.py" line="44"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/cert_verify_dialog.py" line="45"/>
        <source>考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/cert_verify_dialog.py" line="45"/>
        <source>成绩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/cert_verify_dialog.py" line="45"/>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/cert_verify_dialog.py" line="50"/>
        <source>内容与签名不符，证书信息被改动过。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/cert_verify_dialog.py" line="50"/>
        <source>不是本系统签发的证书。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/cert_verify_dialog.py" line="50"/>
        <source>二维码内容格式不对。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="32"/>
        <source>请核对信息并阅读考试须知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="48"/>
        <source>不是我，返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="49"/>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="121"/>
        <source>我已阅读，开始答题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="62"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="62"/>
        <source>工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="62"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="74"/>
        <source>考试须知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="75"/>
        <source>考试时长 {0} 分钟，共 {1} 题，满分 {2} 分，{3} 分合格。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="83"/>
        <source>{0} {1} 道，每题 {2} 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="88"/>
        <source>考试期间不要离开考试窗口，也不要切换到其他程序；离开 {0} 次将自动交卷。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="90"/>
        <source>考试期间不要离开考试窗口，也不要切换到其他程序；每次离开都会被记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="92"/>
        <source>本次考试为闭卷考试，请勿查阅书籍、资料或手机。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="94"/>
        <source>每道题的答案都会自动保存，不需要手动保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="95"/>
        <source>没把握的题可以点「标记」，之后在右侧答题卡上点题号回来检查。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="96"/>
        <source>答完后点「交卷」。考试时间到，系统会自动交卷。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/confirm.py" line="107"/>
        <source>正在准备试卷…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsolePage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/console.py" line="62"/>
        <source>当前用户：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/console.py" line="64"/>
        <source>退出管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/console.py" line="65"/>
        <source>退出管理，回到考生使用的考试首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/console.py" line="109"/>
        <source>百问百查考试系统 · 管理</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataTable</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/table.py" line="204"/>
        <source>筛选：输入任意文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/table.py" line="238"/>
        <source>共 {0} 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/table.py" line="238"/>
        <source>显示 {0} / 共 {1} 条</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentsBar</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/documents_bar.py" line="27"/>
        <source>成绩单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/documents_bar.py" line="28"/>
        <source>成绩汇总表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/documents_bar.py" line="29"/>
        <source>试题分析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/documents_bar.py" line="30"/>
        <source>合格证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/documents_bar.py" line="34"/>
        <source>打印 PDF：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/documents_bar.py" line="40"/>
        <source>每人一个文件（工号_姓名.pdf）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/documents_bar.py" line="41"/>
        <source>成绩单和合格证书：每名考生单独一个 PDF，保存到所选文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/documents_bar.py" line="42"/>
        <source>成绩单不显示正确答案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/documents_bar.py" line="59"/>
        <source>选择保存文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/documents_bar.py" line="64"/>
        <source>保存 PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/documents_bar.py" line="64"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/documents_bar.py" line="80"/>
        <source>正在生成 {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/documents_bar.py" line="84"/>
        <source>已生成 {0} 个文件：{1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/result_page.py" line="109"/>
        <source>已交卷，请离开座位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/result_page.py" line="112"/>
        <source>您的答案已全部保存。成绩由培训老师统一公布。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExamForm</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="61"/>
        <source>新建考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="72"/>
        <source> 分钟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="77"/>
        <source> 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="79"/>
        <source>基本信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="81"/>
        <source>考试名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="83"/>
        <source>题库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="85"/>
        <source>考试时长</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="87"/>
        <source>及格分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="93"/>
        <source>组卷规则（每一部分从题库中随机抽题）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="105"/>
        <source>＋ 添加一部分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="120"/>
        <source>预览试卷…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="122"/>
        <source>保存考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="126"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="149"/>
        <source>考试设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="151"/>
        <source>题目顺序随机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="153"/>
        <source>选项顺序随机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="155"/>
        <source>固定试卷（所有考生同一套题）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="157"/>
        <source>交卷后显示分数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="159"/>
        <source>交卷后可查看答案和解析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="161"/>
        <source>允许重考</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="164"/>
        <source>全部选对才得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="165"/>
        <source>少选得部分分，错选不得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="172"/>
        <source>少选时得该题分值的比例</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="175"/>
        <source>不限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="176"/>
        <source> 次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="178"/>
        <source>离开考试窗口达到此次数时自动交卷；0 表示不限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="182"/>
        <source>多选题评分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="183"/>
        <source>少选得分比例</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="184"/>
        <source>离开窗口上限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="239"/>
        <source>考试表单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="271"/>
        <source>共 {0} 题，总分 {1} 分，及格 {2} 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="274"/>
        <source>&#x3000;｜&#x3000;正在核对题库…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="279"/>
        <source>&#x3000;｜&#x3000;✔ 题库“{0}”可以满足全部规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="282"/>
        <source>第 {0} 部分（{1}）需要 {2} 道，题库中符合条件的只有 {3} 道，缺 {4} 道</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_form.py" line="288"/>
        <source>&#x3000;｜&#x3000;✘ 题库不能满足：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExamHeader</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/header.py" line="46"/>
        <source>A-</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/header.py" line="47"/>
        <source>A+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/header.py" line="48"/>
        <source>字号调小</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/header.py" line="49"/>
        <source>字号调大</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/header.py" line="50"/>
        <source>高对比</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/header.py" line="53"/>
        <source>黑底黄字，看得更清楚</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/header.py" line="61"/>
        <source>剩余 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/header.py" line="66"/>
        <source>已答 {0}/{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/header.py" line="70"/>
        <source>⚠ 未保存，正在重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/header.py" line="72"/>
        <source>保存中…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/header.py" line="74"/>
        <source>答案自动保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/header.py" line="76"/>
        <source>已保存 {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExamPage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="34"/>
        <source>考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="34"/>
        <source>考试（试卷方案）规定从题库抽哪些题、多少分、多长时间。开考在「考场」中进行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="37"/>
        <source>新建考试…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="39"/>
        <source>以所选为模板新建…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="41"/>
        <source>复制</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="43"/>
        <source>预览试卷…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="45"/>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="94"/>
        <source>归档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="47"/>
        <source>显示已归档的考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="59"/>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="60"/>
        <source>考试名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="61"/>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="118"/>
        <source>题数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="62"/>
        <source>总分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="63"/>
        <source>及格分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="64"/>
        <source>时长(分)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="65"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="65"/>
        <source>已归档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="65"/>
        <source>可用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="66"/>
        <source>创建时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="68"/>
        <source>按名称筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="94"/>
        <source>取消归档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="98"/>
        <source>是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="98"/>
        <source>否</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="105"/>
        <source>全部选对才得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="105"/>
        <source>少选得 {0} 倍分值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="107"/>
        <source>题库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="108"/>
        <source>时长</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="108"/>
        <source>{0} 分钟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="109"/>
        <source>总分 / 及格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="110"/>
        <source>题目乱序 / 选项乱序</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="111"/>
        <source>固定试卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="112"/>
        <source>多选题评分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="113"/>
        <source>交卷后显示分数 / 解析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="114"/>
        <source>离开窗口上限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="114"/>
        <source>不限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="115"/>
        <source>允许重考</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="118"/>
        <source>部分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="118"/>
        <source>每题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="118"/>
        <source>章节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="118"/>
        <source>知识点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="118"/>
        <source>难度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="139"/>
        <source>（新）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="143"/>
        <source>已创建考试“{0}”，可以在「考场」中开考</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="152"/>
        <source>已复制为“{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="163"/>
        <source>已取消归档“{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/exam_page.py" line="163"/>
        <source>已归档“{0}”，它不再出现在开考列表中</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExamWindow</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="60"/>
        <source>百问百查考试系统 — 考试中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="115"/>
        <source>← 上一题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="116"/>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="240"/>
        <source>标记本题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="117"/>
        <source>下一题 →</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="118"/>
        <source>交卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="119"/>
        <source>上一题（← 或 PgUp）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="120"/>
        <source>下一题（→ 或 PgDn）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="121"/>
        <source>没把握的题先标记，交卷前回来检查（Ctrl+M）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="122"/>
        <source>交卷（Ctrl+Enter）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="167"/>
        <source>已恢复考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="168"/>
        <source>您的答案都已恢复，从第 {0} 题继续。剩余时间 {1}。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="169"/>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="187"/>
        <source>继续答题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="187"/>
        <source>不能关闭考试窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="187"/>
        <source>请交卷，或请监考老师处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="240"/>
        <source>取消标记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="269"/>
        <source>考试时间到，系统已自动交卷。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="285"/>
        <source>还剩不到 1 分钟！时间到系统会自动交卷。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="287"/>
        <source>距离考试结束还有不到 5 分钟，请抓紧时间检查。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="304"/>
        <source>您离开考试窗口已达 {0} 次，系统已自动交卷。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="306"/>
        <source>您刚才离开了考试窗口（第 {0} 次），已被记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="308"/>
        <source>离开 {0} 次将自动交卷。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="309"/>
        <source>请不要离开考试窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="309"/>
        <source>我知道了，继续答题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="331"/>
        <source>正在交卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="331"/>
        <source>请稍候……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="336"/>
        <source>正在保存答案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="336"/>
        <source>答案还没有保存成功，正在重试，请不要关机。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="349"/>
        <source>监考老师已结束您的考试。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="350"/>
        <source>考试已结束</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="364"/>
        <source>交卷未成功</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/exam_window.py" line="364"/>
        <source>正在重试，请不要关机。如果一直不成功，请举手示意监考老师。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="46"/>
        <source>首次使用：设置管理员和考点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="47"/>
        <source>本机还没有管理员账号。请设置管理员密码（请牢记，系统不提供默认密码），并填写单位和考点信息。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="57"/>
        <source>至少 {0} 位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="60"/>
        <source>再输入一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="62"/>
        <source>如：国网某县供电公司</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="64"/>
        <source>如：培训中心第一考场</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="70"/>
        <source> 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="71"/>
        <source>管理员用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="72"/>
        <source>管理员密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="73"/>
        <source>确认密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="75"/>
        <source>单位名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="76"/>
        <source>考点/站点名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="77"/>
        <source>证书名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="78"/>
        <source>默认及格分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="83"/>
        <source>返回考试首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="85"/>
        <source>完成设置并进入管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="97"/>
        <source>请填写管理员用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="99"/>
        <source>密码至少 {0} 位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="101"/>
        <source>两次输入的密码不一致</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="103"/>
        <source>请填写单位名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="105"/>
        <source>请填写考点/站点名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/first_run.py" line="107"/>
        <source>请填写证书名称</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Histogram</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/histogram.py" line="37"/>
        <source>暂无成绩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/histogram.py" line="58"/>
        <source>及格线 {0:g}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="46"/>
        <source>百问百查考试系统</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="60"/>
        <source>如需帮助，请举手示意监考老师</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="61"/>
        <source>管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="62"/>
        <source>培训老师登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="65"/>
        <source>正在读取考试信息…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="78"/>
        <source>无法读取考试信息：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="115"/>
        <source>当前考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="117"/>
        <source>考试时长 {0} 分钟&#x3000;&#x3000;共 {1} 题&#x3000;&#x3000;满分 {2} 分&#x3000;&#x3000;{3} 分合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="122"/>
        <source>开始考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="136"/>
        <source>现在没有正在进行的考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="137"/>
        <source>请等待监考老师开考。开考后，这里会出现「开始考试」按钮。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="139"/>
        <source>练习</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="141"/>
        <source>即将推出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="144"/>
        <source>（练习功能即将推出）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="155"/>
        <source>本机有未完成的考试：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="157"/>
        <source>继续未完成的考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/home.py" line="159"/>
        <source>需要监考老师输入密码或恢复码</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/import_preview.py" line="32"/>
        <source>重新读取文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/import_preview.py" line="33"/>
        <source>在 Excel 中改好并保存后，点这里重新检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/import_preview.py" line="44"/>
        <source>行号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/import_preview.py" line="45"/>
        <source>列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/import_preview.py" line="46"/>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/import_preview.py" line="52"/>
        <location filename="../../baiwen_desktop/ui/trainer/import_preview.py" line="98"/>
        <source>导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/import_preview.py" line="55"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/import_preview.py" line="81"/>
        <source>检查通过：共 {0} 条，没有错误。确认无误后点「导入」。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/import_preview.py" line="84"/>
        <source>导入 {0} 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/import_preview.py" line="96"/>
        <source>文件：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/import_preview.py" line="99"/>
        <source>正在检查文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/import_preview.py" line="110"/>
        <source>发现 {0} 处错误，未导入任何数据。请在 Excel 中改正下列各行后保存，再点「重新读取文件」。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/import_preview.py" line="118"/>
        <source>文件中没有可导入的内容</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/login.py" line="29"/>
        <source>请输入您的工号和姓名，然后点「下一步」。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/login.py" line="36"/>
        <source>例如：D00001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/login.py" line="37"/>
        <source>例如：张三</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/login.py" line="38"/>
        <source>工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/login.py" line="39"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/login.py" line="45"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/login.py" line="46"/>
        <source>下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/login.py" line="74"/>
        <source>请填写工号和姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/login.py" line="19"/>
        <source>管理员登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/login.py" line="19"/>
        <source>培训管理员、监考人员在此登录。连续输错 5 次密码，账号将锁定 60 秒。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/login.py" line="27"/>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/login.py" line="28"/>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/login.py" line="33"/>
        <source>返回考试首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/login.py" line="35"/>
        <source>登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/login.py" line="51"/>
        <source>请输入用户名</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OptionRow</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/option_row.py" line="31"/>
        <source>✓ 已选</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaperPreviewDialog</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/paper_preview.py" line="94"/>
        <source>试卷预览：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/paper_preview.py" line="98"/>
        <source>显示答案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/paper_preview.py" line="100"/>
        <source>换一份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/paper_preview.py" line="101"/>
        <source>按另一名考生抽一份试卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/paper_preview.py" line="103"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/paper_preview.py" line="106"/>
        <source>这是某一名考生会看到的试卷（只读）；每名考生的题目和选项顺序可能不同。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../baiwen_desktop/ui/pdf_preview.py" line="19"/>
        <source>预览：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/pdf_preview.py" line="27"/>
        <source>共 %1 页  ·  %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/pdf_preview.py" line="29"/>
        <source>打印…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/pdf_preview.py" line="31"/>
        <source>用系统程序打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/pdf_preview.py" line="33"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuestionEditor</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="74"/>
        <source>编辑题目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="74"/>
        <source>新建题目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="85"/>
        <source>每行一个要点：关键词/同义词=分值，如 服务意识=2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="87"/>
        <source>可按任意顺序作答的空，如 1-4 或 1,3；不需要就留空</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="90"/>
        <source>如 问14、查5（可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="92"/>
        <source>（由出处确定或不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="96"/>
        <source>多个用 、 分隔</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="100"/>
        <source>1 最容易，5 最难</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="102"/>
        <source>不填则按题型默认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="107"/>
        <source>题型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="108"/>
        <source>题干</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="109"/>
        <source>填空题在题干中用（  ）表示每个空</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="114"/>
        <source>（可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="115"/>
        <source>选项 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="121"/>
        <source>答案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="122"/>
        <source>评分要点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="123"/>
        <source>乱序</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="124"/>
        <source>解析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="125"/>
        <source>出处</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="126"/>
        <source>章节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="127"/>
        <source>知识点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="128"/>
        <source>难度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="129"/>
        <source>分值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="137"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="140"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="143"/>
        <source>题库：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="266"/>
        <source>有 {0} 处需要修改，见下方红字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="281"/>
        <source>一个字母，如 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="282"/>
        <source>两个或以上字母，如 ABD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="283"/>
        <source>正确 或 错误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="284"/>
        <source>每个空的答案用 | 分隔；同一空的几种写法用 ； 分隔，如 45；四十五 | 90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/question_editor.py" line="287"/>
        <source>参考答案</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuestionView</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/question_view.py" line="27"/>
        <source>第 {0} 题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/question_view.py" line="29"/>
        <source>（{0} 分）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/question_view.py" line="30"/>
        <source>★ 已标记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/question_view.py" line="33"/>
        <source>共 {0} 题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/question_view.py" line="47"/>
        <source>多选题：正确答案有两个或两个以上，请选出全部正确答案。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/question_view.py" line="49"/>
        <source>填空题：请在方框里填写答案，每个方框填一处。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/question_view.py" line="51"/>
        <source>简答题：请用文字作答，写出要点即可。由老师复核给分。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/question_view.py" line="53"/>
        <source>判断题：请判断下面的说法是否正确。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/result_page.py" line="40"/>
        <source>错题回顾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/result_page.py" line="58"/>
        <source>考试成绩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/result_page.py" line="62"/>
        <source>满分 {0} 分，{1} 分合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/result_page.py" line="64"/>
        <source>{0} 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/result_page.py" line="70"/>
        <source>简答题要由培训老师复核，最终成绩可能会有变化。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/result_page.py" line="79"/>
        <source>题型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/result_page.py" line="79"/>
        <source>题数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/result_page.py" line="79"/>
        <source>答对</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/result_page.py" line="79"/>
        <source>得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/result_page.py" line="89"/>
        <source>待复核</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="33"/>
        <source>{0}分{1:02d}秒</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="38"/>
        <source>成绩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="38"/>
        <source>每名考生显示最近一次交卷的成绩。含简答题的试卷在「阅卷」确认后才有最终结果。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="44"/>
        <source>导出 Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="46"/>
        <source>导出 CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="49"/>
        <source>考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="51"/>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="90"/>
        <source>班级/批次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="63"/>
        <source>人数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="63"/>
        <source>平均分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="63"/>
        <source>合格率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="64"/>
        <source>最高分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="64"/>
        <source>最低分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="64"/>
        <source>中位数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="82"/>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="82"/>
        <source>合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="82"/>
        <source>不合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="82"/>
        <source>待复核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="87"/>
        <source>工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="88"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="89"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="91"/>
        <source>得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="92"/>
        <source>总分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="93"/>
        <source>是否合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="94"/>
        <source>用时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="95"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="96"/>
        <source>交卷时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="98"/>
        <source>筛选工号、姓名、单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="101"/>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="118"/>
        <source>（已归档）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="119"/>
        <source>全部班级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="158"/>
        <source>有 {0} 份试卷的简答题尚未阅完，合格与否待定；请到「阅卷」中确认。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="172"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="172"/>
        <source>CSV 文件 (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="173"/>
        <source>导出成绩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="173"/>
        <source>{0}_成绩.{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="182"/>
        <source>已导出 {0} 名考生的成绩到 {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/results_page.py" line="183"/>
        <source>正在导出成绩…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResumeCodeDialog</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/resume_code.py" line="13"/>
        <source>恢复码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/resume_code.py" line="15"/>
        <source>考生 {0} 的恢复码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/resume_code.py" line="22"/>
        <source>请在考生的考试机上选择「恢复考试」并输入这 6 位数字。恢复码只能使用一次，已用时间会保留。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/resume_code.py" line="25"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResumePage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/resume_page.py" line="27"/>
        <source>继续未完成的考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/resume_page.py" line="28"/>
        <source>考试中途断电或死机后，可以从上次的位置继续，已作答的答案都在。需要监考老师输入密码或 6 位恢复码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/resume_page.py" line="33"/>
        <source>考生</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/resume_page.py" line="41"/>
        <source>监考老师密码或恢复码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/resume_page.py" line="44"/>
        <source>请监考老师输入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/resume_page.py" line="54"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/resume_page.py" line="56"/>
        <source>恢复考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/resume_page.py" line="88"/>
        <source>请输入密码或恢复码</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnBar</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/return_bar.py" line="22"/>
        <source>返回首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/return_bar.py" line="44"/>
        <source>{0} 秒后自动返回首页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewList</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/review_list.py" line="49"/>
        <source>全部答对，没有错题。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/review_list.py" line="58"/>
        <source>待复核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/review_list.py" line="60"/>
        <source>得 {0}/{1} 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/review_list.py" line="61"/>
        <source>第 {0} 题&#x3000;{1}&#x3000;{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/review_list.py" line="66"/>
        <source>您的答案：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/review_list.py" line="68"/>
        <source>参考答案：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/review_list.py" line="69"/>
        <source>简答题由培训老师复核后给分。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/review_list.py" line="71"/>
        <source>正确答案：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/review_list.py" line="73"/>
        <source>解析：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/review_list.py" line="75"/>
        <source>出处：百问百查 {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="65"/>
        <source>阅卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="65"/>
        <source>简答题由系统按要点关键词给出建议分，需由老师确认最终得分。同一道题的所有考生答案依次批阅。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="74"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="77"/>
        <source>考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="104"/>
        <source>‹ 上一份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="106"/>
        <source>跳过 ›</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="122"/>
        <source>评分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="127"/>
        <source> 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="131"/>
        <source>可选：给分理由，记入日志</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="132"/>
        <source>确认得分，下一份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="135"/>
        <source>最终得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="138"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="153"/>
        <source>全部考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="177"/>
        <source>待阅 {0} 份（{1} 道题）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="177"/>
        <source>没有待阅的简答题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="182"/>
        <source>{0}&#x3000;待阅 {1} 份
{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="209"/>
        <source>没有待阅的答案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="220"/>
        <source>第 {0} / {1} 份&#x3000;考生：{2} {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="232"/>
        <source>系统建议 {0} 分，满分 {1} 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="263"/>
        <source>合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="263"/>
        <source>不合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="265"/>
        <source>{0} {1} 的试卷已全部阅完，总分已确定：{2} / {3} 分，{4}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/review_page.py" line="270"/>
        <source>已给 {0} {1} 第 {2} 题 {3} 分</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_import.py" line="40"/>
        <source>导入考生名单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_import.py" line="41"/>
        <source>第一行是列名：工号、姓名（必填），单位、岗位/班组、班级/批次（选填）。有任何错误时不会导入任何数据。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_import.py" line="43"/>
        <source>工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_import.py" line="44"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_import.py" line="45"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_import.py" line="46"/>
        <source>岗位/班组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_import.py" line="47"/>
        <source>班级/批次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_import.py" line="55"/>
        <source>文件中未填班级的考生分到：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_import.py" line="66"/>
        <source>检查通过：{0} 名考生，没有错误。确认无误后点「导入」。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_import.py" line="69"/>
        <source>导入 {0} 名考生</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="27"/>
        <source>考生</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="27"/>
        <source>考生名单按班级/批次分组；开考时选择班级，只有名单中的考生能登录考试。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="32"/>
        <source>导入名单（Excel/CSV）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="34"/>
        <source>新增考生…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="36"/>
        <source>编辑所选…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="38"/>
        <source>所选考生分到班级…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="51"/>
        <source>工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="52"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="53"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="54"/>
        <source>岗位/班组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="55"/>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="61"/>
        <source>班级/批次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="57"/>
        <source>搜索工号、姓名、单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="74"/>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="78"/>
        <source>未分班</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="90"/>
        <source>选择考生名单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="90"/>
        <source>名单文件 (*.xlsx *.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="104"/>
        <source>名单已导入：新增 {0} 人，更新 {1} 人，未变 {2} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="111"/>
        <source>请先在表格中选择一名考生</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="125"/>
        <source>已保存考生 {0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="131"/>
        <source>请先在表格中选择考生（按住 Ctrl 或 Shift 可多选）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="133"/>
        <source>分到班级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="133"/>
        <source>把所选 {0} 名考生分到班级/批次：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/roster_page.py" line="138"/>
        <source>已把 {0} 名考生分到“{1}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RuleRow</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="87"/>
        <source>不限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="88"/>
        <source>只抽含这些知识点之一的题，多个用 、 分隔</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="95"/>
        <source>默认为题型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="98"/>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="154"/>
        <source>✘ 缺 {0} 道</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="155"/>
        <source>需要 {0} 道，题库中符合条件的只有 {1} 道</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="158"/>
        <source>✔ 可用 {0} 道</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SectionPicker</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="63"/>
        <source>全部章节</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionPage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="45"/>
        <source>考场</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="45"/>
        <source>开考后，名单中的考生即可在考试机上登录答题。下表每 3 秒自动刷新。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="54"/>
        <source>结束考场…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="57"/>
        <source>进行中的考场</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="68"/>
        <source>工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="69"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="70"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="71"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="72"/>
        <source>进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="73"/>
        <source>剩余时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="74"/>
        <source>离开窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="75"/>
        <source>得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="77"/>
        <source>筛选工号、姓名、状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="80"/>
        <source>强制交卷…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="82"/>
        <source>发放恢复码…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="83"/>
        <source>考试机死机或断电后，考生凭恢复码在原机或另一台机器上继续作答</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="100"/>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="113"/>
        <source>开考</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="108"/>
        <source>所有共用此数据库的考点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="116"/>
        <source>考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="116"/>
        <source>班级/批次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="127"/>
        <source>第 {0} / {1} 题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="151"/>
        <source>仅本考点（{0}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="151"/>
        <source>未命名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="162"/>
        <source>{0} 题，{1} 分钟，满分 {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="167"/>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="182"/>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="240"/>
        <source>全部考生</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="180"/>
        <source>所有考点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="182"/>
        <source>#{0} {1} · {2} · {3} · {4} 开考</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="186"/>
        <source>（没有进行中的考场，请先在上方开考）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="215"/>
        <source>共 {0} 人：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="216"/>
        <source>更新于 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="235"/>
        <source>请先在「考试」中新建考试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="240"/>
        <source>已开考：{0}（{1}）。考生现在可以在考试机上登录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="250"/>
        <source>结束后，考生将不能再登录本场考试。确定结束考场吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="252"/>
        <source>还有 {0} 名考生正在答题。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="253"/>
        <source>结束考场</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="257"/>
        <source>考场已结束</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="266"/>
        <source>确定为 {0} {1} 强制交卷吗？
已作答的内容将按现状评分，此操作会记入日志，不能撤销。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="267"/>
        <source>强制交卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="269"/>
        <source>监考 {0} 强制交卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/session_page.py" line="272"/>
        <source>已为 {0} 强制交卷，得分 {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="102"/>
        <source>设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="102"/>
        <source>单位、考点和证书信息会印在成绩单和证书上。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="123"/>
        <source>单位与证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="129"/>
        <source>如：BWBC，证书编号为 前缀-年份-序号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="133"/>
        <source> 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="134"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="136"/>
        <source>单位名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="137"/>
        <source>考点/站点名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="138"/>
        <source>证书名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="139"/>
        <source>证书编号前缀</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="140"/>
        <source>新建考试的默认及格分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="145"/>
        <source>修改我的密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="148"/>
        <source>至少 {0} 位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="149"/>
        <source>再输入一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="150"/>
        <source>修改密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="152"/>
        <source>原密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="153"/>
        <source>新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="154"/>
        <source>确认新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="159"/>
        <source>管理员账号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="163"/>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="164"/>
        <source>显示名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="165"/>
        <source>管理员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="165"/>
        <source>是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="165"/>
        <source>否</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="166"/>
        <source>锁定至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="173"/>
        <source>添加账号…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="175"/>
        <source>删除所选账号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="185"/>
        <source>只有管理员可以管理账号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="189"/>
        <source>数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="199"/>
        <source>打开数据文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="201"/>
        <source>数据库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="202"/>
        <source>数据文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="223"/>
        <source>单位名称和考点名称不能为空</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="235"/>
        <source>设置已保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="242"/>
        <source>新密码至少 {0} 位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="245"/>
        <source>两次输入的新密码不一致</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="251"/>
        <source>密码已修改，下次登录请使用新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="264"/>
        <source>已添加账号 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="281"/>
        <source>请先在表格中选择一个账号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="283"/>
        <source>删除账号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="283"/>
        <source>确定删除账号“{0}”吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/settings_page.py" line="287"/>
        <source>已删除账号 {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortAnswer</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/answer_widgets.py" line="187"/>
        <source>请在这里输入答案，写出要点即可</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/answer_widgets.py" line="210"/>
        <source>已输入 {0} 字（最多 {1} 字）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StationFlow</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/flow.py" line="32"/>
        <source>考试进行中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/flow.py" line="32"/>
        <source>请在考试窗口中答题。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/flow.py" line="49"/>
        <source>已交卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/flow.py" line="49"/>
        <source>正在读取成绩……</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StationTexts</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/texts.py" line="18"/>
        <source>单选题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/texts.py" line="20"/>
        <source>多选题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/texts.py" line="22"/>
        <source>判断题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/texts.py" line="24"/>
        <source>填空题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/texts.py" line="25"/>
        <source>简答题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/texts.py" line="30"/>
        <source>待复核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/texts.py" line="31"/>
        <source>合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/texts.py" line="31"/>
        <source>不合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/texts.py" line="35"/>
        <source>正确</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/texts.py" line="35"/>
        <source>错误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/texts.py" line="39"/>
        <source>（未作答）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubmitPanel</name>
    <message>
        <location filename="../../baiwen_desktop/ui/station/submit_dialog.py" line="23"/>
        <location filename="../../baiwen_desktop/ui/station/submit_dialog.py" line="31"/>
        <source>确认交卷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/submit_dialog.py" line="29"/>
        <source>交卷后不能再修改答案。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/submit_dialog.py" line="30"/>
        <source>返回检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/submit_dialog.py" line="48"/>
        <source>共 {0} 题：已答 {1} 题，未答 {2} 题，标记 {3} 题。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/submit_dialog.py" line="50"/>
        <source>还没有作答的题（点题号可以回去作答）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/submit_dialog.py" line="52"/>
        <source>所有题目都已作答。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/submit_dialog.py" line="56"/>
        <source>标记过的题（点题号可以回去检查）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/station/submit_dialog.py" line="76"/>
        <source>……等 {0} 题</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>box</name>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="168"/>
        <source>题型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="168"/>
        <source>题数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="168"/>
        <source>每题分值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="168"/>
        <source>章节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="169"/>
        <source>知识点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="169"/>
        <source>难度范围</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="169"/>
        <source>小标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../baiwen_desktop/ui/trainer/rule_row.py" line="169"/>
        <source>题库能否满足</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
