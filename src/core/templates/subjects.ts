/**
 * What the project knows of the 政府收支分类科目 without a machine-readable
 * catalogue: the 类 of 支出功能分类 as the disclosure templates print them,
 * the 经济分类 codes of the basic-expenditure table, a small list of 款
 * names taken from published disclosures (grow it as units bring more), and
 * the naming conventions that hold across the catalogue.
 */

/** The expenditure 类 printed as rows of 公开01表/04表, in template order. */
export const EXPENSE_CLASSES: ReadonlyArray<{ code: string; name: string }> = [
  { code: '201', name: '一般公共服务支出' },
  { code: '202', name: '外交支出' },
  { code: '203', name: '国防支出' },
  { code: '204', name: '公共安全支出' },
  { code: '205', name: '教育支出' },
  { code: '206', name: '科学技术支出' },
  { code: '207', name: '文化旅游体育与传媒支出' },
  { code: '208', name: '社会保障和就业支出' },
  { code: '210', name: '卫生健康支出' },
  { code: '211', name: '节能环保支出' },
  { code: '212', name: '城乡社区支出' },
  { code: '213', name: '农林水支出' },
  { code: '214', name: '交通运输支出' },
  { code: '215', name: '资源勘探工业信息等支出' },
  { code: '216', name: '商业服务业等支出' },
  { code: '217', name: '金融支出' },
  { code: '219', name: '援助其他地区支出' },
  { code: '220', name: '自然资源海洋气象等支出' },
  { code: '221', name: '住房保障支出' },
  { code: '222', name: '粮油物资储备支出' },
  { code: '223', name: '国有资本经营预算支出' },
  { code: '224', name: '灾害防治及应急管理支出' },
  { code: '227', name: '预备费' },
  { code: '229', name: '其他支出' },
  { code: '230', name: '转移性支出' },
  { code: '231', name: '债务还本支出' },
  { code: '232', name: '债务付息支出' },
  { code: '233', name: '债务发行费用支出' },
  { code: '234', name: '抗疫特别国债安排的支出' },
];

export function classByCode(code: string): { code: string; name: string } | undefined {
  return EXPENSE_CLASSES.find((c) => c.code === code);
}

/**
 * 款 names seen in published disclosures, keyed by 5-digit code. Only names
 * the sources print are here; an unknown 款 is shown by its code.
 */
export const KNOWN_KUAN: Readonly<Record<string, string>> = {
  '20101': '人大事务',
  '20102': '政协事务',
  '20103': '政府办公厅（室）及相关机构事务',
  '20104': '发展与改革事务',
  '20105': '统计信息事务',
  '20106': '财政事务',
  '20107': '税收事务',
  '20108': '审计事务',
  '20111': '纪检监察事务',
  '20129': '群众团体事务',
  '20131': '党委办公厅（室）及相关机构事务',
  '20132': '组织事务',
  '20133': '宣传事务',
  '20134': '统战事务',
  '20199': '其他一般公共服务支出',
  '20502': '普通教育',
  '20799': '其他文化旅游体育与传媒支出',
  '20805': '行政事业单位养老支出',
  '20899': '其他社会保障和就业支出',
  '21007': '计划生育事务',
  '21011': '行政事业单位医疗',
  '21203': '城乡社区公共设施',
  '22102': '住房改革支出',
};

/** 项 names seen in published disclosures, keyed by 7-digit code. */
export const KNOWN_XIANG: Readonly<Record<string, string>> = {
  '2010301': '行政运行',
  '2010302': '一般行政管理事务',
  '2010303': '机关服务',
  '2080501': '行政单位离退休',
  '2080502': '事业单位离退休',
  '2080505': '机关事业单位基本养老保险缴费支出',
  '2080506': '机关事业单位职业年金缴费支出',
  '2089999': '其他社会保障和就业支出',
  '2100717': '计划生育服务',
  '2101101': '行政单位医疗',
  '2101102': '事业单位医疗',
  '2101103': '公务员医疗补助',
  '2120399': '其他城乡社区公共设施支出',
  '2210201': '住房公积金',
  '2210202': '提租补贴',
  '2210203': '购房补贴',
};

/**
 * Naming conventions of the 功能分类 that hold across the catalogue: the
 * same 项 number carries the same generic name in every 款 that has it.
 */
export const GENERIC_XIANG_SUFFIX: ReadonlyArray<{ name: RegExp; suffix: string; label: string }> = [
  { name: /^行政运行$/, suffix: '01', label: '行政运行（项级编码末两位为 01）' },
  { name: /^一般行政管理事务$/, suffix: '02', label: '一般行政管理事务（末两位为 02）' },
  { name: /^机关服务$/, suffix: '03', label: '机关服务（末两位为 03）' },
  { name: /^事业运行$/, suffix: '50', label: '事业运行（末两位为 50）' },
  { name: /^其他.*支出$/, suffix: '99', label: '“其他……支出”（末两位为 99）' },
];

/**
 * Words that tie a 科目名称 to one 类 or 款: a 住房公积金 name under a 医疗
 * code is a mistyped code or name.
 */
export const NAME_KEYWORDS: ReadonlyArray<{ words: RegExp; prefixes: readonly string[]; what: string }> = [
  { words: /住房公积金|提租补贴|购房补贴/, prefixes: ['22102'], what: '住房改革支出（22102）' },
  { words: /行政单位医疗|事业单位医疗|公务员医疗补助|医疗保险/, prefixes: ['21011', '21012', '21013'], what: '医疗类款（2101x）' },
  { words: /养老保险缴费|职业年金|离退休/, prefixes: ['20805', '20801', '20808'], what: '行政事业单位养老支出（20805）等' },
  { words: /计划生育/, prefixes: ['21007'], what: '计划生育事务（21007）' },
  { words: /抚恤|优抚|退役/, prefixes: ['20808', '20828'], what: '抚恤、退役安置类款' },
];

/** 经济分类 codes of the basic-expenditure table, with their names (2024). */
export const ECONOMIC_CODES: ReadonlyArray<{ code: string; name: string }> = [
  { code: '301', name: '工资福利支出' },
  { code: '30101', name: '基本工资' },
  { code: '30102', name: '津贴补贴' },
  { code: '30103', name: '奖金' },
  { code: '30106', name: '伙食补助费' },
  { code: '30107', name: '绩效工资' },
  { code: '30108', name: '机关事业单位基本养老保险缴费' },
  { code: '30109', name: '职业年金缴费' },
  { code: '30110', name: '职工基本医疗保险缴费' },
  { code: '30111', name: '公务员医疗补助缴费' },
  { code: '30112', name: '其他社会保障缴费' },
  { code: '30113', name: '住房公积金' },
  { code: '30114', name: '医疗费' },
  { code: '30199', name: '其他工资福利支出' },
  { code: '302', name: '商品和服务支出' },
  { code: '30201', name: '办公费' },
  { code: '30202', name: '印刷费' },
  { code: '30203', name: '咨询费' },
  { code: '30204', name: '手续费' },
  { code: '30205', name: '水费' },
  { code: '30206', name: '电费' },
  { code: '30207', name: '邮电费' },
  { code: '30208', name: '取暖费' },
  { code: '30209', name: '物业管理费' },
  { code: '30211', name: '差旅费' },
  { code: '30212', name: '因公出国（境）费用' },
  { code: '30213', name: '维修（护）费' },
  { code: '30214', name: '租赁费' },
  { code: '30215', name: '会议费' },
  { code: '30216', name: '培训费' },
  { code: '30217', name: '公务接待费' },
  { code: '30218', name: '专用材料费' },
  { code: '30224', name: '被装购置费' },
  { code: '30225', name: '专用燃料费' },
  { code: '30226', name: '劳务费' },
  { code: '30227', name: '委托业务费' },
  { code: '30228', name: '工会经费' },
  { code: '30229', name: '福利费' },
  { code: '30231', name: '公务用车运行维护费' },
  { code: '30239', name: '其他交通费用' },
  { code: '30240', name: '税金及附加费用' },
  { code: '30299', name: '其他商品和服务支出' },
  { code: '303', name: '对个人和家庭的补助' },
  { code: '30301', name: '离休费' },
  { code: '30302', name: '退休费' },
  { code: '30303', name: '退职（役）费' },
  { code: '30304', name: '抚恤金' },
  { code: '30305', name: '生活补助' },
  { code: '30306', name: '救济费' },
  { code: '30307', name: '医疗费补助' },
  { code: '30308', name: '助学金' },
  { code: '30309', name: '奖励金' },
  { code: '30310', name: '个人农业生产补贴' },
  { code: '30311', name: '代缴社会保险费' },
  { code: '30399', name: '其他对个人和家庭的补助' },
  { code: '307', name: '债务利息及费用支出' },
  { code: '30701', name: '国内债务付息' },
  { code: '30702', name: '国外债务付息' },
  { code: '310', name: '资本性支出' },
  { code: '31001', name: '房屋建筑物购建' },
  { code: '31002', name: '办公设备购置' },
  { code: '31003', name: '专用设备购置' },
  { code: '31005', name: '基础设施建设' },
  { code: '31006', name: '大型修缮' },
  { code: '31007', name: '信息网络及软件购置更新' },
  { code: '31008', name: '物资储备' },
  { code: '31009', name: '土地补偿' },
  { code: '31010', name: '安置补助' },
  { code: '31011', name: '地上附着物和青苗补偿' },
  { code: '31012', name: '拆迁补偿' },
  { code: '31013', name: '公务用车购置' },
  { code: '31019', name: '其他交通工具购置' },
  { code: '31021', name: '文物和陈列品购置' },
  { code: '31022', name: '无形资产购置' },
  { code: '31099', name: '其他资本性支出' },
  { code: '399', name: '其他支出' },
  { code: '39907', name: '国家赔偿费用支出' },
  { code: '39908', name: '对民间非营利组织和群众性自治组织补贴' },
  { code: '39909', name: '经常性赠与' },
  { code: '39910', name: '资本性赠与' },
  { code: '39999', name: '其他支出' },
];

/** National 2024 prints a shorter list in its basic-expenditure table. */
export const NATIONAL_ECONOMIC_CODES = ECONOMIC_CODES.filter(
  (c) =>
    !c.code.startsWith('307') &&
    !c.code.startsWith('399') &&
    !['31005', '31006', '31008', '31009', '31010', '31011', '31012'].includes(c.code),
);
