/**
 * Extra seed for screenshots and manual checks: more townships, villages and a few hundred members
 * on top of seedCounty() (which stays small so the workflow tests remain readable).
 */
import type { Db } from '../server/db/connect.ts';
import { insertMember, insertOrg, type County } from '../server/test/fixtures.ts';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '建国',
  '秀英',
  '志强',
  '海燕',
  '国庆',
  '丽华',
  '卫东',
  '桂兰',
  '明亮',
  '春梅',
  '红军',
  '玉珍',
  '文博',
  '晓燕',
  '德胜',
  '淑芬',
  '永福',
  '雪梅',
  '振华',
  '慧敏',
  '长青',
  '翠兰',
  '立新',
  '秋菊',
];
const VILLAGES = ['东风', '红旗', '向阳', '新华', '光明', '和平', '胜利', '前进', '团结', '幸福', '长安', '永安'];
const CATS = ['在职', '在职', '在职', '离退休', '生产一线', '流动', '退役军人'] as const;

export async function seedMore(db: Db, county: County) {
  let seq = 300;
  const towns = [county.orgs.townA, county.orgs.townB];
  for (const [i, name] of ['丙镇', '丁乡', '城关街道'].entries()) {
    towns.push(
      await insertOrg(db, {
        code: `T${String.fromCharCode(67 + i)}`,
        name: `${name}党委`,
        type: name.endsWith('街道') ? '党工委' : '党委',
        parentId: county.orgs.county,
        sortOrder: 4 + i,
      }),
    );
  }
  for (const [ti, town] of towns.entries()) {
    for (let v = 0; v < 4; v++) {
      const vname = VILLAGES[(ti * 4 + v) % VILLAGES.length];
      const branch = await insertOrg(db, {
        code: `V${ti}${v}`,
        name: `${vname}村党支部`,
        type: '党支部',
        parentId: town,
        sortOrder: 10 + v,
      });
      for (let g = 0; g < 2; g++)
        await insertOrg(db, {
          code: `V${ti}${v}G${g}`,
          name: `${vname}村第${'一二'[g]}党小组`,
          type: '党小组',
          parentId: branch,
        });
      for (let k = 0; k < 18; k++) {
        seq++;
        const name = SURNAMES[(seq * 7) % SURNAMES.length] + GIVEN[(seq * 5) % GIVEN.length];
        await insertMember(db, {
          name,
          orgId: branch,
          seq,
          gender: GIVEN.indexOf(GIVEN[(seq * 5) % GIVEN.length]) % 2 ? '女' : '男',
          birth: `19${50 + (seq % 48)}-${String(1 + (seq % 12)).padStart(2, '0')}-${String(1 + (seq % 28)).padStart(2, '0')}`,
          category: CATS[seq % CATS.length],
        });
      }
    }
  }
  for (const [i, name] of ['县教育局', '县卫生健康局', '县农业农村局'].entries()) {
    await insertOrg(db, {
      code: `D0${i + 2}`,
      name,
      type: '政府单位',
      parentId: county.orgs.county,
      sortOrder: 20 + i,
    });
  }
}
