import type { CSSProperties } from 'react';
import { Alert } from 'antd';

/** A failed query or mutation, as the one red line above what it concerns; nothing when there is no error. */
export function ErrorAlert({ error, style }: { error: Error | null | undefined; style?: CSSProperties }) {
  if (!error) return null;
  return <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12, ...style }} />;
}
