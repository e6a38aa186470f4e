import { App, Form, Input, Radio, Select, Upload } from 'antd';
import type { UploadFile } from 'antd';
import type { CommendObjection, Nomination, RoundDetail } from '../../../../common/contracts/commendations.ts';
import type { CommendCategory } from '../../../../common/enums.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgTreeSelect } from '../../components/orgTree.tsx';
import { useAction } from '../../components/useAction.ts';
import { useAuth } from '../../lib/session.tsx';
import MemberPicker from '../users/MemberPicker.tsx';
import { commendApi, commendKeys } from './api.ts';

export type Dialog =
  | { kind: 'nominate' }
  | { kind: 'edit' | 'review' | 'approve' | 'object'; n: Nomination }
  | { kind: 'answer'; objection: Pick<CommendObjection, 'id' | 'text'> }
  | null;

type NominateForm = {
  category: CommendCategory;
  orgId: number;
  subjectOrgId?: number;
  memberId?: number;
  deeds: string;
  opinion?: string;
  file?: UploadFile[];
};

const invalidate = [commendKeys.all];
const fileOf = (v?: UploadFile[]) => v?.[0]?.originFileObj as File | undefined;

/** The dialogs of a round's nominations: 推荐, 修改, 审核, 审定, 异议, 答复. */
export function NominationDialogs({ round, dialog, onClose }: { round: RoundDetail; dialog: Dialog; onClose(): void }) {
  if (!dialog) return null;
  if (dialog.kind === 'nominate') return <NominateModal round={round} onClose={onClose} />;
  if (dialog.kind === 'edit') return <EditModal n={dialog.n} onClose={onClose} />;
  if (dialog.kind === 'review' || dialog.kind === 'approve')
    return <DecisionModal kind={dialog.kind} n={dialog.n} onClose={onClose} />;
  if (dialog.kind === 'answer') return <AnswerModal objection={dialog.objection} onClose={onClose} />;
  return <ObjectModal n={dialog.n} onClose={onClose} />;
}

function NominateModal({ round, onClose }: { round: RoundDetail; onClose(): void }) {
  const { me } = useAuth();
  const [form] = Form.useForm<NominateForm>();
  const category = Form.useWatch('category', form);
  const orgId = Form.useWatch('orgId', form);
  const save = useAction(
    async (v: NominateForm) => {
      const collective = v.category === '先进集体';
      const r = await commendApi.nominate(round.id, {
        category: v.category,
        orgId: v.orgId,
        subjectOrgId: collective ? v.subjectOrgId : undefined,
        memberId: collective ? undefined : v.memberId,
        deeds: v.deeds,
        opinion: v.opinion,
      });
      const f = fileOf(v.file);
      if (f) await commendApi.attach(r.id, f);
      return r;
    },
    { invalidate, inline: true, success: '已保存推荐(草稿),确认后请报送' },
  );
  return (
    <FormModal<NominateForm>
      title={`推荐:${round.name}`}
      form={form}
      width={Math.min(640, window.innerWidth)}
      okText="保存"
      action={save}
      onClose={onClose}
      initialValues={{ category: round.quotas[0]?.category, orgId: me?.user.scopeOrgId }}
    >
      <Form.Item name="category" label="表彰类别" rules={[{ required: true }]}>
        <Select options={round.quotas.map((q) => ({ value: q.category, label: q.category }))} />
      </Form.Item>
      <Form.Item name="orgId" label="推荐单位" rules={[{ required: true, message: '请选择推荐单位' }]}>
        <OrgTreeSelect />
      </Form.Item>
      {category === '先进集体' ? (
        <Form.Item name="subjectOrgId" label="被推荐集体" rules={[{ required: true, message: '请选择被推荐的集体' }]}>
          <OrgTreeSelect />
        </Form.Item>
      ) : (
        <Form.Item name="memberId" label="被推荐党员" rules={[{ required: true, message: '请选择被推荐的党员' }]}>
          <MemberPicker orgId={orgId} />
        </Form.Item>
      )}
      <Form.Item
        name="deeds"
        label="主要事迹"
        rules={[{ required: true, whitespace: true, message: '请填写主要事迹' }]}
      >
        <Input.TextArea rows={5} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item name="opinion" label="组织意见">
        <Input.TextArea rows={2} maxLength={500} placeholder="如:经党委会议研究,同意推荐。" />
      </Form.Item>
      <Form.Item name="file" label="附件(可选)" valuePropName="fileList" getValueFromEvent={(e) => e?.fileList}>
        <Upload beforeUpload={() => false} maxCount={1}>
          <a>选择文件(PDF、Word、图片)</a>
        </Upload>
      </Form.Item>
    </FormModal>
  );
}

function EditModal({ n, onClose }: { n: Nomination; onClose(): void }) {
  const save = useAction(
    async (v: { deeds: string; opinion?: string; file?: UploadFile[] }) => {
      await commendApi.edit(n.id, { deeds: v.deeds, opinion: v.opinion ?? '' });
      const f = fileOf(v.file);
      if (f) await commendApi.attach(n.id, f);
    },
    { invalidate, inline: true, success: '已修改' },
  );
  return (
    <FormModal
      title={`修改推荐:${n.subjectName}`}
      width={Math.min(640, window.innerWidth)}
      action={save}
      onClose={onClose}
      initialValues={{ deeds: n.deeds, opinion: n.opinion ?? '' }}
    >
      {n.returnReason && <p style={{ color: '#cf1322' }}>退回理由:{n.returnReason}</p>}
      <Form.Item
        name="deeds"
        label="主要事迹"
        rules={[{ required: true, whitespace: true, message: '请填写主要事迹' }]}
      >
        <Input.TextArea rows={5} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item name="opinion" label="组织意见">
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="file" label="替换附件" valuePropName="fileList" getValueFromEvent={(e) => e?.fileList}>
        <Upload beforeUpload={() => false} maxCount={1}>
          <a>选择文件</a>
        </Upload>
      </Form.Item>
    </FormModal>
  );
}

function DecisionModal({ kind, n, onClose }: { kind: 'review' | 'approve'; n: Nomination; onClose(): void }) {
  const { message } = App.useApp();
  const save = useAction(
    (v: { pass: boolean; reason?: string }) =>
      kind === 'review'
        ? commendApi.review(n.id, v).then(() => null)
        : commendApi.approve(n.id, v).then((r) => r.warning),
    {
      invalidate,
      inline: true,
      success: (_, v) => (v.pass ? (kind === 'review' ? '审核通过' : '已审定') : '已退回'),
      onSuccess: (warning) => {
        if (warning) void message.warning(warning);
      },
    },
  );
  return (
    <FormModal
      title={`${kind === 'review' ? '审核' : '审定'}:${n.subjectName}(${n.category})`}
      action={save}
      onClose={onClose}
      initialValues={{ pass: true }}
    >
      <Form.Item name="pass" label="意见">
        <Radio.Group
          options={[
            { value: true, label: '通过' },
            { value: false, label: '退回' },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.pass !== b.pass}>
        {({ getFieldValue }) =>
          getFieldValue('pass') === false && (
            <Form.Item name="reason" label="退回理由" rules={[{ required: true, min: 2, message: '请写明退回理由' }]}>
              <Input.TextArea rows={2} maxLength={300} />
            </Form.Item>
          )
        }
      </Form.Item>
    </FormModal>
  );
}

function ObjectModal({ n, onClose }: { n: Nomination; onClose(): void }) {
  const save = useAction((v: { text: string }) => commendApi.object(n.id, v.text), {
    invalidate,
    inline: true,
    success: '异议已提交',
  });
  return (
    <FormModal title={`对「${n.subjectName}」提出异议`} action={save} onClose={onClose}>
      <Form.Item name="text" label="异议内容" rules={[{ required: true, min: 4, message: '请写明异议(至少4个字)' }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

function AnswerModal({ objection, onClose }: { objection: { id: number; text: string }; onClose(): void }) {
  const save = useAction((v: { answer: string; upheld: boolean }) => commendApi.answer(objection.id, v), {
    invalidate,
    inline: true,
    success: (_, v) => (v.upheld ? '异议成立,已撤销该推荐' : '已答复'),
  });
  return (
    <FormModal title="答复异议" action={save} onClose={onClose} initialValues={{ upheld: false }}>
      <p>异议:{objection.text}</p>
      <Form.Item name="upheld" label="核实结果">
        <Radio.Group
          options={[
            { value: false, label: '不成立' },
            { value: true, label: '成立(撤销该推荐)' },
          ]}
        />
      </Form.Item>
      <Form.Item name="answer" label="答复" rules={[{ required: true, min: 2, message: '请填写答复' }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
