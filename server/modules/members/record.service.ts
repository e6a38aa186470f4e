/**
 * 党员档案 as a Word file: the record as the branch files it (basic facts, 党龄, transfer history),
 * portrait A4. The full ID number is printed only where the detail shows it, i.e. to whoever may
 * read the record (the same scope check as the detail: 404 outside the subtree; a member only
 * their own).
 */
import { TRANSFER_STATUSES } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { datedFileName } from '../../lib/filename.ts';
import type { OutFile } from '../../lib/http.ts';
import * as D from '../../lib/official-docx.ts';
import type { Actor } from '../../lib/scope.ts';
import { get } from './members.service.ts';

/** Whole years between two local dates (党龄 counts from 入党日期 in full years). */
export const fullYears = (from: string, to: string) =>
  Number(to.slice(0, 4)) - Number(from.slice(0, 4)) - (to.slice(5) < from.slice(5) ? 1 : 0);

export async function memberDocx(ctx: Ctx, actor: Actor, id: number): Promise<OutFile> {
  const m = await get(ctx, actor, id);
  const today = localDate(ctx.clock.now());
  const children = [
    D.title('党 员 档 案'),
    D.subtitle(`所在组织:${m.orgName}    打印日期:${D.cnDate(today)}`),
    D.heading('一、基本信息'),
    D.fields([
      ['姓名', m.name],
      ['性别', m.gender ?? ''],
      ['民族', m.ethnicity ?? ''],
      ['出生日期', D.cnDate(m.birthDate)],
      ['公民身份号码', m.idNumber],
      ['联系电话', m.phone ?? ''],
      ['学历', m.education ?? ''],
      ['所在党组织', `${m.orgName}(${m.orgCode})`],
      ['入党日期', D.cnDate(m.joinDate)],
      ['转正日期', D.cnDate(m.fullDate)],
      ['党龄', m.joinDate ? `${Math.max(0, fullYears(m.joinDate, today))} 年` : ''],
      ['正式/预备', m.memberType],
      ['党员类别', m.category],
      ['党籍状态', m.status],
    ]),
    D.heading('二、组织关系转接记录'),
    m.transfers.length
      ? D.table(
          [
            ['序号', 1],
            ['转出组织', 4],
            ['接收组织', 4],
            ['状态', 2],
            ['发起日期', 3],
          ],
          m.transfers.map((t, i) => [
            String(i + 1),
            t.fromName,
            t.toName,
            TRANSFER_STATUSES[t.status],
            D.cnDate(localDate(new Date(t.createdAt))),
          ]),
          { size: D.SIZE.smallFour },
        )
      : D.para('无。'),
  ];
  return {
    fileName: datedFileName(`党员档案-${m.name}`, 'docx', ctx.clock.now()),
    data: await D.officialDocx(`党员档案-${m.name}`, children),
  };
}
