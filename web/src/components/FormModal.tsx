import type { UseMutationResult } from '@tanstack/react-query';
import { Form, type FormInstance, Modal } from 'antd';
import type { ReactNode } from 'react';

/**
 * A dialog with a form whose OK runs an action (see useAction): it validates the fields, runs the
 * action with the values, shows it running, and closes only when it succeeded (a failure leaves
 * the dialog open, with the server's message shown). The one modal-submit logic of the app.
 */
export function FormModal<V extends object>({
  open = true,
  title,
  okText = '确定',
  width,
  action,
  onClose,
  form: external,
  initialValues,
  children,
}: {
  open?: boolean;
  title: ReactNode;
  okText?: string;
  width?: number;
  action: UseMutationResult<unknown, Error, V>;
  onClose: () => void;
  /** Pass a form created with Form.useForm() when the page needs to watch its values. */
  form?: FormInstance<V>;
  initialValues?: Partial<V>;
  children: ReactNode;
}) {
  const [own] = Form.useForm<V>();
  const form = external ?? own;
  const submit = () =>
    form.validateFields().then(
      (values) => action.mutate(values, { onSuccess: onClose }),
      () => undefined, // invalid fields are marked in the form
    );
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText}
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={action.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
