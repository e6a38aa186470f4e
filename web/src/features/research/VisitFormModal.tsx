import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, InputNumber, List, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import type { CheckResult, VisitBody } from '../../../../common/contracts/research.ts';
import { HOST_LEVELS, PLAN_KINDS, VISITOR_LEVELS } from '../../../../common/enums.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgTreeSelect } from '../../components/orgTree.tsx';
import { useDebounced } from '../../components/RemoteSelect.tsx';
import { useAction } from '../../components/useAction.ts';
import { DATE_FMT } from '../../lib/format.ts';
import { checkVisit, createVisit, researchKeys } from './api.ts';
import { span, warningTag } from './model.tsx';

interface Values {
  title: string;
  leader?: string;
  visitorLevel?: VisitBody['visitorLevel'];
  planKind?: VisitBody['planKind'];
  dates?: [Dayjs, Dayjs];
  placeOrgIds?: number[];
  members?: string[];
  escorts?: Record<string, number | null>;
  escortReason?: string;
}

function toBody(v: Values): VisitBody | null {
  if (!v.title?.trim() || !v.dates?.[0] || !v.dates[1] || !v.placeOrgIds?.length) return null;
  return {
    title: v.title.trim(),
    startDate: v.dates[0].format('YYYY-MM-DD'),
    endDate: v.dates[1].format('YYYY-MM-DD'),
    placeOrgIds: v.placeOrgIds,
    leader: v.leader?.trim() || undefined,
    visitorLevel: v.visitorLevel,
    planKind: v.planKind,
    members: v.members ?? [],
    escorts: HOST_LEVELS.map((level) => ({ level, count: v.escorts?.[level] ?? 0 })).filter((e) => e.count > 0),
    escortReason: v.escortReason?.trim() || null,
  };
}

/** 登记调研: the conflict check runs as the plan is typed, showing the other teams before saving. */
export default function VisitFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form);
  const navigate = useNavigate();
  // The check is a query of the settled plan: an older answer never overwrites a newer one.
  const body = values ? toBody(values) : null;
  const plan = useDebounced(body ? JSON.stringify(body) : '', 400);
  const checked = useQuery({
    queryKey: [...researchKeys.all, 'check', plan],
    queryFn: () => checkVisit(JSON.parse(plan) as VisitBody),
    enabled: !!plan,
    placeholderData: keepPreviousData,
  });
  const check: CheckResult | null = body ? (checked.data ?? null) : null;
  const checkError = body ? checked.error?.message : null;

  const save = useAction(
    (v: Values) => {
      const b = toBody(v);
      return b ? createVisit(b) : Promise.reject(new Error('请填写调研课题、日期和地点'));
    },
    {
      success: (r) => (r.warnings.length ? `已登记,有 ${r.warnings.length} 项统筹提示待协调` : '已登记,等待统筹确认'),
      invalidate: [researchKeys.all],
      onSuccess: (r) => {
        form.resetFields();
        navigate(`/research/${r.id}`);
      },
      inline: true,
    },
  );

  const others = new Map((check?.others ?? []).map((o) => [o.id, o]));
  return (
    <FormModal
      open={open}
      title="登记调研"
      okText="登记"
      width={720}
      form={form}
      action={save}
      onClose={onClose}
      initialValues={{ planKind: '临时备案', visitorLevel: '县级' }}
    >
      <Form.Item name="title" label="调研课题" rules={[{ required: true, message: '请填写调研课题(禁止无课题调研)' }]}>
        <Input maxLength={200} placeholder="如:村级集体经济发展情况调研" />
      </Form.Item>
      <Space wrap style={{ width: '100%' }} size="middle">
        <Form.Item name="leader" label="带队领导">
          <Input maxLength={50} placeholder="默认为本人" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="visitorLevel" label="领导层级">
          <Select style={{ width: 120 }} options={VISITOR_LEVELS.map((v) => ({ value: v, label: v }))} />
        </Form.Item>
        <Form.Item name="planKind" label="计划类型">
          <Select style={{ width: 120 }} options={PLAN_KINDS.map((v) => ({ value: v, label: v }))} />
        </Form.Item>
      </Space>
      <Form.Item name="dates" label="调研日期" rules={[{ required: true, message: '请选择调研日期' }]}>
        <DatePicker.RangePicker format={DATE_FMT} style={{ width: '100%', maxWidth: 360 }} />
      </Form.Item>
      <Form.Item
        name="placeOrgIds"
        label="调研地点(乡镇、村、企业、项目)"
        rules={[{ required: true, message: '请选择调研地点' }]}
      >
        <OrgTreeSelect multiple treeCheckable={false} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="members" label="调研组成员">
        <Select mode="tags" placeholder="输入姓名后回车" tokenSeparators={[',', ',', '、']} />
      </Form.Item>
      <Form.Item label="陪同人数(按接待方层级)">
        <Space wrap>
          {HOST_LEVELS.map((l) => (
            <Form.Item key={l} name={['escorts', l]} noStyle>
              <InputNumber min={0} max={100} addonBefore={l} style={{ width: 150 }} />
            </Form.Item>
          ))}
        </Space>
      </Form.Item>
      {check?.warnings.some((w) => w.kind === 'escort') && (
        <Form.Item
          name="escortReason"
          label="陪同超标理由"
          rules={[{ required: true, message: '陪同超出规定,须填写理由' }]}
        >
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      )}
      {checkError && <Alert type="error" message={checkError} />}
      {check &&
        (check.warnings.length ? (
          <Alert
            type="warning"
            showIcon
            message={`统筹提示（${check.warnings.length} 项）`}
            description={
              <List
                size="small"
                dataSource={check.warnings}
                renderItem={(w) => {
                  const o = w.otherVisitId ? others.get(w.otherVisitId) : undefined;
                  return (
                    <List.Item>
                      <div>
                        {warningTag(w.kind)} {w.message}
                        {o && (
                          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                            已登记：{o.leader}「{o.title}」{span(o.startDate, o.endDate)} ·{' '}
                            {o.places.map((p) => p.name).join('、')} · {o.status}
                          </Typography.Paragraph>
                        )}
                      </div>
                    </List.Item>
                  );
                }}
              />
            }
          />
        ) : (
          <Alert type="success" showIcon message="未发现撞车:同一地点近期无其他调研,接待量与陪同符合规定" />
        ))}
    </FormModal>
  );
}
