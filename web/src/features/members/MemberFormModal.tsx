import { useEffect, useRef, useState } from 'react';
import { Col, DatePicker, Form, Input, Radio, Row, Select, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { MemberCreateBody, MemberDetail } from '../../../../common/contracts/members.ts';
import { DATE_INPUT_FORMATS } from '../../lib/format.ts';
import { OrgTreeSelect } from '../../components/orgTree.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useAction } from '../../components/useAction.ts';
import { isMobile, parseIdCard } from '../../../../common/idcard.ts';
import { EDUCATIONS, GENDERS, MEMBER_CATEGORIES, MEMBER_STATUSES, MEMBER_TYPES } from '../../../../common/enums.ts';
import { membersApi, useMember } from './api.ts';

const opts = (xs: readonly string[]) => xs.map((v) => ({ value: v, label: v }));
const toDay = (s: string | null | undefined) => (s ? dayjs(s) : null);
const toStr = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** The form's values: the body's fields, with dates as dayjs (what the pickers hold). */
type MemberForm = Omit<MemberCreateBody, 'birthDate' | 'joinDate' | 'fullDate'> & {
  birthDate?: Dayjs | null;
  joinDate?: Dayjs | null;
  fullDate?: Dayjs | null;
};

const formValues = (m: MemberDetail): MemberForm => ({
  ...m,
  birthDate: toDay(m.birthDate),
  joinDate: toDay(m.joinDate),
  fullDate: toDay(m.fullDate),
});

/** A member's and the branch's changes show in the roster, the record, and the org counts. */
const MEMBER_CHANGES = [['members'], ['orgs']];

/** New member or edit. The 身份证号 is checked as it is typed and fills 出生日期 and 性别. */
export default function MemberFormModal({
  id,
  defaultOrgId,
  onClose,
  onDone,
}: {
  id: number | null;
  defaultOrgId?: number;
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<MemberForm>();
  const loaded = useMember(id);
  const [idHint, setIdHint] = useState<string | null>(null);
  // The record fills the form once when it arrives (a later refetch must not overwrite what is typed).
  const filled = useRef(false);
  useEffect(() => {
    if (loaded.data && !filled.current) {
      filled.current = true;
      form.setFieldsValue(formValues(loaded.data));
    }
  }, [loaded.data, form]);

  const onValuesChange = (changed: Record<string, unknown>) => {
    if (typeof changed.idNumber === 'string') {
      const r = parseIdCard(changed.idNumber);
      if (r.ok) {
        form.setFieldsValue({ birthDate: dayjs(r.birthDate), gender: r.gender });
        setIdHint(
          `已根据身份证号填入出生日期 ${r.birthDate.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1年$2月$3日')}、性别 ${r.gender}`,
        );
      } else setIdHint(null);
    }
  };

  const submit = async (v: MemberForm) => {
    const body = {
      name: v.name.trim(),
      gender: v.gender,
      ethnicity: v.ethnicity?.trim() || null,
      birthDate: toStr(v.birthDate),
      idNumber: v.idNumber.trim().toUpperCase(),
      phone: v.phone?.trim() || null,
      education: v.education ?? null,
      joinDate: toStr(v.joinDate),
      fullDate: toStr(v.fullDate),
      memberType: v.memberType,
      category: v.category,
    };
    if (id === null) await membersApi.create({ ...body, orgId: v.orgId });
    else await membersApi.update(id, { ...body, status: v.status });
  };
  const save = useAction(submit, { invalidate: MEMBER_CHANGES, onSuccess: onDone, inline: true });

  const dateProps = { format: DATE_INPUT_FORMATS, style: { width: '100%' }, placeholder: '请选择日期' };
  return (
    <FormModal
      form={form}
      action={save}
      formProps={{ onValuesChange }}
      initialValues={
        id === null ? { orgId: defaultOrgId, memberType: '正式', category: '在职', ethnicity: '汉族' } : undefined
      }
      onClose={onClose}
      title={id === null ? '新增党员' : `编辑党员:${loaded.data?.name ?? ''}`}
      width={720}
      okText="保存"
      okButtonProps={{ disabled: id !== null && !loaded.data }}
      maskClosable={false}
    >
      <ErrorAlert error={loaded.error} />
      {id !== null && !loaded.data ? (
        loaded.isPending && (
          <div style={{ textAlign: 'center', padding: 40 }}>
            <Spin />
          </div>
        )
      ) : (
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label="姓名"
              rules={[
                { required: true, whitespace: true, message: '请输入姓名' },
                { max: 30, message: '姓名不超过 30 字' },
              ]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="idNumber"
              label="身份证号"
              validateTrigger={['onChange', 'onBlur']}
              extra={idHint}
              rules={[
                { required: true, message: '请输入身份证号' },
                {
                  validator: (_, v) => {
                    if (!v) return Promise.resolve();
                    const r = parseIdCard(v);
                    return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
                  },
                },
              ]}
            >
              <Input maxLength={18} placeholder="18 位身份证号" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="gender" label="性别">
              <Radio.Group options={opts(GENDERS)} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="ethnicity" label="民族">
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="birthDate" label="出生日期">
              <DatePicker {...dateProps} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="phone"
              label="手机"
              rules={[
                {
                  validator: (_, v) =>
                    !v || isMobile(v)
                      ? Promise.resolve()
                      : Promise.reject(new Error('手机号应为 11 位数字,以 13–19 开头')),
                },
              ]}
            >
              <Input maxLength={11} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="education" label="学历">
              <Select allowClear options={opts(EDUCATIONS)} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="orgId"
              label="所在支部"
              rules={[{ required: true, message: '请选择所在支部' }]}
              extra={id !== null ? '变更所在组织请通过「发起转接」办理组织关系转接' : undefined}
            >
              <OrgTreeSelect style={{ width: '100%' }} disabled={id !== null} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="joinDate" label="入党日期">
              <DatePicker {...dateProps} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="fullDate" label="转正日期">
              <DatePicker {...dateProps} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="memberType" label="正式/预备" rules={[{ required: true, message: '请选择' }]}>
              <Radio.Group options={opts(MEMBER_TYPES)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="category" label="党员类别" rules={[{ required: true, message: '请选择党员类别' }]}>
              <Select options={opts(MEMBER_CATEGORIES)} />
            </Form.Item>
          </Col>
          {id !== null && (
            <Col xs={24} sm={12}>
              <Form.Item name="status" label="状态">
                <Select options={opts(MEMBER_STATUSES)} />
              </Form.Item>
            </Col>
          )}
        </Row>
      )}
    </FormModal>
  );
}
