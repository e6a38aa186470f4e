import { Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { PASSWORD_POLICY, passwordProblem } from '../../../common/password-policy.ts';

/** The policy checked as the user types (the server checks it again). */
export const passwordRules = (requiredMessage: string): Rule[] => [
  { required: true, message: requiredMessage },
  {
    validator: (_, v: string | undefined) => {
      const problem = v ? passwordProblem(v) : null;
      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
    },
  },
];

/** A new password and its confirmation (first-run setup, changing one's own password). */
export function NewPasswordFields({ name, label }: { name: string; label: string }) {
  return (
    <>
      <Form.Item name={name} label={label} extra={PASSWORD_POLICY} rules={passwordRules(`请输入${label}`)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={`确认${label}`}
        dependencies={[name]}
        rules={[
          { required: true, message: `请再次输入${label}` },
          ({ getFieldValue }) => ({
            validator: (_, v) =>
              !v || v === getFieldValue(name)
                ? Promise.resolve()
                : Promise.reject(new Error(`两次输入的${label}不一致`)),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
