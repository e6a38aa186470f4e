import type { Member } from '../../../../common/contracts/members.ts';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { memberKeys, membersApi } from '../members/api.ts';

/** Picks a member of an org subtree by name, pinyin initials or ID last 4 (server-side search). */
export default function MemberPicker({
  id,
  orgId,
  value,
  onChange,
}: {
  /** Set by a Form.Item: ties the field's label to the search box. */
  id?: string;
  orgId?: number;
  value?: number;
  onChange?(v: number | undefined): void;
}) {
  return (
    <RemoteSelect<Member>
      queryKey={memberKeys.search(orgId)}
      search={async (q, signal) => (await membersApi.list({ orgId, q: q || undefined, pageSize: 30 }, signal)).items}
      toOption={(m) => ({ value: m.id, label: `${m.name}(${m.orgName},身份证尾号 ${m.idNumber.slice(-4)})` })}
      id={id}
      value={value}
      onChange={onChange}
      placeholder="输入姓名、拼音首字母或身份证后4位搜索"
      emptyText="管辖范围内没有匹配的党员"
    />
  );
}
