/**
 * Swagger UI has no language setting: its own labels (Try it out, Execute, Parameters…) are
 * replaced in the page by this script, served by @fastify/swagger-ui as a theme file (same origin,
 * so the CSP allows it; nothing is loaded from outside). Text nodes are translated as the UI renders
 * them; anything not listed stays English rather than guessed.
 */
const LABELS: Record<string, string> = {
  'Try it out ': '试一试',
  'Try it out': '试一试',
  Cancel: '取消',
  Execute: '执行',
  Clear: '清除',
  Parameters: '参数',
  'No parameters': '无参数',
  'Request body': '请求体',
  Responses: '响应',
  Response: '响应',
  Code: '状态码',
  Description: '说明',
  Links: '链接',
  'No links': '无',
  'Media type': '媒体类型',
  'Example Value': '示例值',
  Schema: '结构',
  Schemas: '数据结构',
  Authorize: '登录凭证',
  Logout: '退出',
  Close: '关闭',
  'Server response': '服务器响应',
  'Response body': '响应体',
  'Response headers': '响应头',
  'Request URL': '请求地址',
  Curl: 'curl 命令',
  Download: '下载',
  required: '必填',
  'Available authorizations': '可用的认证方式',
  'Filter by tag': '按标签筛选',
  Servers: '服务器',
  'Expand all': '全部展开',
  'Collapse all': '全部收起',
  'Loading...': '加载中……',
  'Send empty value': '发送空值',
  'Hide Responses': '隐藏响应',
};

export const apiDocsZhScript = `(() => {
  const L = ${JSON.stringify(LABELS)};
  document.documentElement.lang = 'zh-CN';
  const fix = (root) => {
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const t = n.nodeValue.trim();
      if (t && Object.prototype.hasOwnProperty.call(L, t)) n.nodeValue = n.nodeValue.replace(t, L[t]);
    }
  };
  new MutationObserver((ms) => { for (const m of ms) for (const a of m.addedNodes) if (a.nodeType === 1 || a.nodeType === 3) fix(a.nodeType === 1 ? a : a.parentNode || document.body); })
    .observe(document.documentElement, { childList: true, subtree: true, characterData: false });
  document.addEventListener('DOMContentLoaded', () => fix(document.body));
})();`;
