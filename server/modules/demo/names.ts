/**
 * Word lists for the fictional 示范县. Surnames carry rough relative frequencies (per mille of the
 * population, rounded from the national ranking) so that a generated county "looks" right: many
 * 王/李/张/刘/陈, few 欧阳. Given-name characters are split by sex as naming habits are.
 */
export const SURNAMES: [string, number][] = [
  ['王', 72], ['李', 71], ['张', 68], ['刘', 54], ['陈', 45], ['杨', 31], ['黄', 23], ['赵', 22], ['吴', 20], ['周', 19],
  ['徐', 16], ['孙', 15], ['马', 14], ['朱', 13], ['胡', 12], ['郭', 12], ['何', 11], ['高', 10], ['林', 10], ['罗', 9],
  ['郑', 9], ['梁', 8], ['谢', 7], ['宋', 7], ['唐', 7], ['许', 6], ['韩', 6], ['冯', 6], ['邓', 6], ['曹', 6],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['袁', 5], ['潘', 4], ['于', 4], ['蒋', 4], ['蔡', 4],
  ['余', 4], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 4], ['魏', 4], ['吕', 4], ['丁', 3], ['任', 3], ['沈', 3],
  ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3], ['陆', 3], ['汪', 3], ['范', 3], ['金', 3],
  ['石', 3], ['廖', 3], ['贾', 3], ['夏', 3], ['韦', 2], ['付', 2], ['方', 2], ['白', 2], ['邹', 2], ['孟', 2],
  ['熊', 2], ['秦', 2], ['邱', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2], ['雷', 2], ['侯', 2],
  ['龙', 2], ['史', 2], ['陶', 2], ['黎', 2], ['贺', 2], ['顾', 2], ['毛', 2], ['郝', 2], ['龚', 2], ['邵', 2],
  ['万', 1], ['钱', 1], ['严', 1], ['覃', 1], ['武', 1], ['戴', 1], ['莫', 1], ['孔', 1], ['向', 1], ['常', 1],
  ['欧阳', 0.3], ['司马', 0.1], ['诸葛', 0.1],
];

export const MALE_CHARS = '伟强军磊勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国峰亮成志忠海东兴文德福贵生祥荣庆春山松柏江河永学林振宏新全安';
export const FEMALE_CHARS = '芳娜敏静丽艳娟霞秀英玲燕红梅琳洁萍兰凤云莉婷雪慧颖琴倩月晶丹佳蓉桂珍淑惠美玉彩菊爱莹露媛春荣';
/** Common second characters of given names for both sexes (generational names and the like). */
export const COMMON_CHARS = '小晓文建国永明春海金玉志学德秀红丽子佳思';

export const ETHNICITIES: [string, number][] = [['汉族', 940], ['回族', 15], ['土家族', 12], ['苗族', 10], ['壮族', 8], ['满族', 8], ['彝族', 4], ['蒙古族', 3]];

export const TOWN_NAMES = ['城关', '东湖', '西岭', '南山', '北塘', '青石', '白沙', '柳林', '红岩', '金桥', '桃源', '凤鸣', '龙泉', '清河', '云台', '石门', '松坪', '梅溪', '杏花', '双井'];
/** Villages and communities get a name from a prefix and a suffix (东 + 岗 → 东岗村). */
export const VILLAGE_PREFIX = '东西南北上下前后大小新老高河山石水桥马牛杨李王张刘陈黄柳桃杏松竹梅兰荷枫槐榆';
export const VILLAGE_SUFFIX = ['岗', '庄', '湾', '坪', '坝', '冲', '塘', '岭', '沟', '营', '屯', '桥', '园', '堡', '寨', '铺', '集', '店', '畈', '垸'];
export const COMMUNITY_NAMES = ['幸福', '和平', '光明', '建设', '解放', '人民', '文化', '育才', '东风', '朝阳', '友谊', '振兴', '新华', '阳光', '锦绣', '滨江', '翠苑', '惠民', '康乐', '安居'];

/**
 * County departments: [name, short code, has a 党组 (government departments do; the Party
 * committee's own offices do not)].
 */
export const DEPARTMENTS: [string, string, boolean][] = [
  ['县委办公室', 'XWB', false], ['县委督查室', 'DCS', false], ['县委组织部', 'ZZB', false], ['县委宣传部', 'XCB', false],
  ['县委统战部', 'TZB', false], ['县委政法委', 'ZFW', false], ['县纪委监委', 'JW', false], ['县委编办', 'BB', false],
  ['县政府办公室', 'ZFB', true], ['县发展和改革局', 'FGJ', true], ['县财政局', 'CZJ', true], ['县民政局', 'MZJ', true],
  ['县自然资源局', 'ZRJ', true], ['县住房和城乡建设局', 'ZJJ', true], ['县农业农村局', 'NYJ', true], ['县水利局', 'SLJ', true],
  ['县交通运输局', 'JTJ', true], ['县教育局', 'JYJ', true], ['县卫生健康局', 'WJJ', true], ['县人力资源和社会保障局', 'RSJ', true],
  ['县生态环境分局', 'HBJ', true], ['县商务局', 'SWJ', true], ['县文化和旅游局', 'WLJ', true], ['县市场监督管理局', 'SJJ', true],
  ['县应急管理局', 'YJJ', true], ['县审计局', 'SJI', true], ['县统计局', 'TJJ', true], ['县司法局', 'SFJ', true],
  ['县公安局', 'GAJ', true], ['县退役军人事务局', 'TYJ', true], ['县医疗保障局', 'YBJ', true], ['县乡村振兴局', 'XZJ', true],
  ['县科学技术局', 'KJJ', true], ['县工业和信息化局', 'GXJ', true], ['县林业局', 'LYJ', true], ['县行政审批服务局', 'SPJ', true],
  ['县信访局', 'XFJ', true], ['县总工会', 'ZGH', true], ['团县委', 'TXW', false], ['县妇联', 'FL', true],
  ['县供销社', 'GXS', true], ['县融媒体中心', 'RMT', true],
];
