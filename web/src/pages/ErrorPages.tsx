import { Link, useRouteError } from 'react-router';
import { Button, Result } from 'antd';

const backHome = (
  <Link to="/">
    <Button type="primary">返回首页</Button>
  </Link>
);

export function ForbiddenPage() {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有访问此页面的权限。如需开通,请联系本单位管理员。"
      extra={backHome}
    />
  );
}

export function NotFoundPage() {
  return <Result status="404" title="页面不存在" subTitle="您访问的页面不存在或已被移除。" extra={backHome} />;
}

/** Router error boundary: a render error or a failed chunk load (e.g. after an upgrade). */
export function ServerErrorPage() {
  const err = useRouteError() as Error | undefined;
  const chunk =
    err && /dynamically imported module|Failed to fetch|Importing a module script failed/i.test(String(err.message));
  return (
    <Result
      status="500"
      title={chunk ? '页面加载失败' : '页面出错了'}
      subTitle={chunk ? '系统可能已更新,请刷新页面后重试。' : '页面运行出现错误,请刷新后重试;如仍有问题,请联系管理员。'}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>
      }
    />
  );
}
