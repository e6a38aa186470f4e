/**
 * THE route table: the side menu, breadcrumbs, page titles and permission checks are all generated
 * from this one list.
 *
 * How to add a page (e.g. 任务督办):
 *   1. Write the page as a default export in web/src/features/<domain>/<Name>Page.tsx.
 *   2. Add ONE entry below:
 *        { path: '/tasks', title: '任务台账', group: 'work', icon: <ProfileOutlined />,
 *          permission: 'task.read', component: lazy(() => import('../features/tasks/TasksPage.tsx')) },
 *      - `path` is absolute; sub-pages use a deeper path (`/tasks/:id`) with `hideInMenu: true`
 *        and `parent: '/tasks'` so the breadcrumb shows 任务台账 / 任务详情.
 *      - `permission` is one of PERMISSIONS in common/enums.ts (add yours there). Users without it
 *        do not see the menu entry and get the 403 page on direct navigation. Omit it for pages
 *        every signed-in user may open.
 *      - `group` puts the entry under a menu group from MENU_GROUPS (add a group if none fits).
 *   3. Always lazy-load (`lazy(() => import(...))`): every page is its own chunk, so the login page
 *      stays light. Import antd components inside your page, never here.
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  HomeOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
  UserOutlined,
  DashboardOutlined,
  FileTextOutlined,
  ProfileOutlined,
  BellOutlined,
  CalendarOutlined,
} from '@ant-design/icons';
import type { Permission } from '../../../common/enums.ts';
import { CarryOutOutlined, SolutionOutlined } from '@ant-design/icons';
import { FundOutlined, TrophyOutlined, TableOutlined, CheckSquareOutlined, DatabaseOutlined } from '@ant-design/icons';
import { ProjectOutlined } from '@ant-design/icons';
import {
  AlertOutlined,
  BarChartOutlined,
  ClusterOutlined,
  CompassOutlined,
  EyeOutlined,
  FlagOutlined,
  GlobalOutlined,
  HeartOutlined,
  IdcardOutlined,
  ReadOutlined,
  ScheduleOutlined,
  ShopOutlined,
  StarOutlined,
  WarningOutlined,
  AuditOutlined as AppraisalIcon,
} from '@ant-design/icons';

export interface AppRoute {
  path: string;
  title: string;
  icon?: ReactNode;
  permission?: Permission;
  group?: string;
  hideInMenu?: boolean;
  /** For pages under another page: the parent's path (breadcrumb). */
  parent?: string;
  /** Rendered without the app frame (menu, header): full-screen pages such as the 会议大屏. */
  bare?: boolean;
  component: LazyExoticComponent<ComponentType>;
}

/** Menu groups, in menu order. Entries without a group sit at the top level. */
export const MENU_GROUPS: { key: string; title: string; icon: ReactNode }[] = [
  { key: 'org', title: '组织工作', icon: <AuditOutlined /> },
  { key: 'work', title: '工作落实', icon: <ApartmentOutlined /> },
  { key: 'indicators', title: '指标调度', icon: <FundOutlined /> },
  { key: 'assessment', title: '目标考核', icon: <TrophyOutlined /> },
  { key: 'cobuild', title: '共驻共建', icon: <HeartOutlined /> },
  { key: 'orglife', title: '组织生活', icon: <FlagOutlined /> },
  { key: 'style', title: '作风监督', icon: <StarOutlined /> },
  { key: 'system', title: '系统管理', icon: <SettingOutlined /> },
];

export const routes: AppRoute[] = [
  { path: '/', title: '首页', icon: <HomeOutlined />, component: lazy(() => import('../features/home/HomePage.tsx')) },
  {
    path: '/orgs',
    title: '组织机构',
    group: 'org',
    icon: <ApartmentOutlined />,
    permission: 'org.read',
    component: lazy(() => import('../features/orgs/OrgsPage.tsx')),
  },
  {
    path: '/members',
    title: '党员管理',
    group: 'org',
    icon: <TeamOutlined />,
    permission: 'member.read',
    component: lazy(() => import('../features/members/MembersPage.tsx')),
  },
  {
    path: '/members/:id/print',
    title: '打印党员档案',
    hideInMenu: true,
    parent: '/members',
    permission: 'member.read',
    component: lazy(() => import('../features/members/MemberPrintPage.tsx')),
  },
  {
    path: '/transfers',
    title: '组织关系转接',
    group: 'org',
    icon: <SwapOutlined />,
    permission: 'transfer.read',
    component: lazy(() => import('../features/transfers/TransfersPage.tsx')),
  },
  {
    path: '/dashboard',
    title: '督查工作台',
    group: 'work',
    icon: <DashboardOutlined />,
    permission: 'task.read',
    component: lazy(() => import('../features/dashboard/DashboardPage.tsx')),
  },
  {
    path: '/documents',
    title: '文件与任务分解',
    group: 'work',
    icon: <FileTextOutlined />,
    permission: 'document.read',
    component: lazy(() => import('../features/documents/DocumentsPage.tsx')),
  },
  {
    path: '/documents/:id',
    title: '任务分解审核',
    hideInMenu: true,
    parent: '/documents',
    permission: 'document.read',
    component: lazy(() => import('../features/documents/DocumentReviewPage.tsx')),
  },
  {
    path: '/tasks',
    title: '任务督办',
    group: 'work',
    icon: <ProfileOutlined />,
    permission: 'task.read',
    component: lazy(() => import('../features/tasks/TasksPage.tsx')),
  },
  {
    path: '/tasks/:id',
    title: '任务详情',
    hideInMenu: true,
    parent: '/tasks',
    permission: 'task.read',
    component: lazy(() => import('../features/tasks/TaskDetailPage.tsx')),
  },
  {
    path: '/tasks/print',
    title: '打印督查台账',
    hideInMenu: true,
    parent: '/tasks',
    permission: 'task.read',
    component: lazy(() => import('../features/tasks/TaskLedgerPrintPage.tsx')),
  },
  {
    path: '/tasks/:id/print',
    title: '打印任务办理情况',
    hideInMenu: true,
    parent: '/tasks',
    permission: 'task.read',
    component: lazy(() => import('../features/tasks/TaskPrintPage.tsx')),
  },
  {
    path: '/projects',
    title: '重点项目投资',
    group: 'work',
    icon: <ProjectOutlined />,
    permission: 'task.read',
    component: lazy(() => import('../features/projects/ProjectsPage.tsx')),
  },
  {
    path: '/notifications',
    title: '督查提醒',
    group: 'work',
    icon: <BellOutlined />,
    permission: 'task.read',
    component: lazy(() => import('../features/tasks/NotificationsPage.tsx')),
  },
  {
    path: '/settings/supervision',
    title: '工作日历与红黄绿灯',
    group: 'system',
    icon: <CalendarOutlined />,
    permission: 'task.settings',
    component: lazy(() => import('../features/tasks/SupervisionSettingsPage.tsx')),
  },
  {
    path: '/reviews',
    title: '述职评议',
    group: 'org',
    icon: <SolutionOutlined />,
    permission: 'review.read',
    component: lazy(() => import('../features/reviews/ReviewsPage.tsx')),
  },
  {
    path: '/reviews/:id',
    title: '评议活动',
    hideInMenu: true,
    parent: '/reviews',
    permission: 'review.read',
    component: lazy(() => import('../features/reviews/ReviewDetailPage.tsx')),
  },
  {
    path: '/reviews/:id/screen',
    title: '会议大屏',
    hideInMenu: true,
    bare: true,
    parent: '/reviews',
    permission: 'review.manage',
    component: lazy(() => import('../features/reviews/ScreenPage.tsx')),
  },
  {
    path: '/reviews/:id/tokens',
    title: '打印选票码',
    hideInMenu: true,
    parent: '/reviews',
    permission: 'review.manage',
    component: lazy(() => import('../features/reviews/TokenSheetPage.tsx')),
  },
  {
    path: '/rectifications',
    title: '问题整改台账',
    group: 'work',
    icon: <CarryOutOutlined />,
    permission: 'rectification.read',
    component: lazy(() => import('../features/rectifications/RectificationsPage.tsx')),
  },
  {
    path: '/rectifications/print',
    title: '打印整改台账',
    hideInMenu: true,
    parent: '/rectifications',
    permission: 'rectification.read',
    component: lazy(() => import('../features/rectifications/RectPrintPage.tsx')),
  },
  // 组织生活 (issue 11)
  {
    path: '/org-life',
    title: '组织生活看板',
    group: 'orglife',
    icon: <BarChartOutlined />,
    permission: 'orglife.read',
    component: lazy(() => import('../features/orglife/DashboardPage.tsx')),
  },
  {
    path: '/org-life/meetings',
    title: '会议日历',
    group: 'orglife',
    icon: <ScheduleOutlined />,
    permission: 'orglife.read',
    component: lazy(() => import('../features/orglife/MeetingsPage.tsx')),
  },
  {
    path: '/org-life/meetings/new',
    title: '记录会议',
    hideInMenu: true,
    parent: '/org-life/meetings',
    permission: 'orglife.manage',
    component: lazy(() => import('../features/orglife/MeetingFormPage.tsx')),
  },
  {
    path: '/org-life/meetings/:id',
    title: '会议详情',
    hideInMenu: true,
    parent: '/org-life/meetings',
    permission: 'orglife.read',
    component: lazy(() => import('../features/orglife/MeetingDetailPage.tsx')),
  },
  {
    path: '/org-life/meetings/:id/checkin',
    title: '签到大屏',
    hideInMenu: true,
    parent: '/org-life/meetings',
    permission: 'orglife.read',
    component: lazy(() => import('../features/orglife/CheckinScreenPage.tsx')),
  },
  {
    path: '/org-life/meetings/:id/sheet',
    title: '打印签到表',
    hideInMenu: true,
    parent: '/org-life/meetings',
    permission: 'orglife.manage',
    component: lazy(() => import('../features/orglife/SigninSheetPage.tsx')),
  },
  {
    path: '/org-life/absences',
    title: '连续缺席党员',
    group: 'orglife',
    icon: <WarningOutlined />,
    permission: 'orglife.read',
    component: lazy(() => import('../features/orglife/AbsencesPage.tsx')),
  },
  {
    path: '/org-life/appraisals',
    title: '民主评议党员',
    group: 'orglife',
    icon: <AppraisalIcon />,
    permission: 'orglife.read',
    component: lazy(() => import('../features/orglife/AppraisalsPage.tsx')),
  },
  {
    path: '/org-life/appraisals/:id',
    title: '评议详情',
    hideInMenu: true,
    parent: '/org-life/appraisals',
    permission: 'orglife.read',
    component: lazy(() => import('../features/orglife/AppraisalDetailPage.tsx')),
  },
  {
    path: '/org-life/branch',
    title: '支委与党小组',
    group: 'orglife',
    icon: <ClusterOutlined />,
    permission: 'orglife.read',
    component: lazy(() => import('../features/orglife/BranchPage.tsx')),
  },
  {
    path: '/org-life/rules',
    title: '规则与依据',
    group: 'orglife',
    icon: <ReadOutlined />,
    permission: 'orglife.read',
    component: lazy(() => import('../features/orglife/RulesPage.tsx')),
  },
  {
    path: '/org-life/my',
    title: '我的组织生活',
    group: 'orglife',
    icon: <IdcardOutlined />,
    component: lazy(() => import('../features/orglife/MyOrgLifePage.tsx')),
  },
  {
    path: '/indicators/cockpit',
    title: '调度驾驶舱',
    group: 'indicators',
    icon: <FundOutlined />,
    permission: 'indicator.read',
    component: lazy(() => import('../features/indicators/CockpitPage.tsx')),
  },
  {
    path: '/indicators/report',
    title: '指标填报',
    group: 'indicators',
    icon: <TableOutlined />,
    permission: 'indicator.read',
    component: lazy(() => import('../features/indicators/ReportPage.tsx')),
  },
  {
    path: '/indicators/approvals',
    title: '填报审核',
    group: 'indicators',
    icon: <CheckSquareOutlined />,
    permission: 'indicator.approve',
    component: lazy(() => import('../features/indicators/ApprovalsPage.tsx')),
  },
  {
    path: '/indicators',
    title: '指标目录',
    group: 'indicators',
    icon: <DatabaseOutlined />,
    permission: 'indicator.read',
    component: lazy(() => import('../features/indicators/IndicatorsPage.tsx')),
  },
  {
    path: '/assessment/letters',
    title: '目标责任书',
    group: 'assessment',
    icon: <TrophyOutlined />,
    permission: 'indicator.read',
    component: lazy(() => import('../features/indicators/LettersPage.tsx')),
  },
  {
    path: '/assessment/annual',
    title: '年度综合考核',
    group: 'assessment',
    icon: <TrophyOutlined />,
    permission: 'indicator.read',
    component: lazy(() => import('../features/indicators/AssessmentPage.tsx')),
  },
  {
    path: '/assessment/commendations',
    title: '评选表彰',
    group: 'assessment',
    icon: <TrophyOutlined />,
    permission: 'commend.read',
    component: lazy(() => import('../features/commendations/CommendationsPage.tsx')),
  },
  {
    path: '/cobuild',
    title: '共驻共建总览',
    group: 'cobuild',
    permission: 'cobuild.read',
    component: lazy(() => import('../features/cobuild/OverviewPage.tsx')),
  },
  {
    path: '/cobuild/community',
    title: '社区工作台',
    group: 'cobuild',
    permission: 'cobuild.manage',
    component: lazy(() => import('../features/cobuild/CommunityPage.tsx')),
  },
  {
    path: '/cobuild/unit',
    title: '单位工作台',
    group: 'cobuild',
    permission: 'cobuild.read',
    component: lazy(() => import('../features/cobuild/UnitPage.tsx')),
  },
  {
    path: '/cobuild/points',
    title: '积分与排名',
    group: 'cobuild',
    permission: 'cobuild.read',
    component: lazy(() => import('../features/cobuild/PointsPage.tsx')),
  },
  {
    path: '/cobuild/reports',
    title: '反馈函与通报',
    group: 'cobuild',
    permission: 'cobuild.read',
    component: lazy(() => import('../features/cobuild/ReportsPage.tsx')),
  },
  {
    path: '/cobuild/settings',
    title: '报到社区与设置',
    group: 'cobuild',
    permission: 'cobuild.settings',
    component: lazy(() => import('../features/cobuild/SettingsPage.tsx')),
  },
  {
    path: '/my/cobuild',
    title: '我的报到与服务',
    group: 'cobuild',
    permission: 'cobuild.self',
    component: lazy(() => import('../features/cobuild/MyPage.tsx')),
  },
  {
    path: '/research',
    title: '调研统筹',
    group: 'work',
    icon: <CompassOutlined />,
    permission: 'research.read',
    component: lazy(() => import('../features/research/ResearchPage.tsx')),
  },
  {
    path: '/research/:id',
    title: '调研详情',
    hideInMenu: true,
    parent: '/research',
    permission: 'research.read',
    component: lazy(() => import('../features/research/VisitDetailPage.tsx')),
  },
  {
    path: '/public-sets',
    title: '进展公开',
    group: 'work',
    icon: <GlobalOutlined />,
    permission: 'publicset.manage',
    component: lazy(() => import('../features/publicsets/PublicSetsPage.tsx')),
  },
  {
    path: '/public-sets/:id',
    title: '公开清单',
    hideInMenu: true,
    parent: '/public-sets',
    permission: 'publicset.manage',
    component: lazy(() => import('../features/publicsets/PublicSetDetailPage.tsx')),
  },
  {
    path: '/follows',
    title: '我关注的任务',
    group: 'work',
    icon: <StarOutlined />,
    permission: 'task.read',
    component: lazy(() => import('../features/publicsets/FollowsPage.tsx')),
  },
  {
    path: '/notification-settings',
    title: '提醒设置',
    group: 'work',
    icon: <BellOutlined />,
    permission: 'task.read',
    component: lazy(() => import('../features/publicsets/NotificationPrefsPage.tsx')),
  },
  {
    path: '/standards',
    title: '标准化',
    group: 'org',
    icon: <FlagOutlined />,
    permission: 'standards.read',
    component: lazy(() => import('../features/standards/StandardsPage.tsx')),
  },
  {
    path: '/standards/rounds/:id',
    title: '评定看板',
    hideInMenu: true,
    parent: '/standards',
    permission: 'standards.read',
    component: lazy(() => import('../features/standards/RoundPage.tsx')),
  },
  {
    path: '/standards/entries/:id',
    title: '支部评分表',
    hideInMenu: true,
    parent: '/standards',
    permission: 'standards.read',
    component: lazy(() => import('../features/standards/EntryPage.tsx')),
  },
  {
    path: '/standards/manuals/:id',
    title: '评分手册',
    hideInMenu: true,
    parent: '/standards',
    permission: 'standards.read',
    component: lazy(() => import('../features/standards/ManualPage.tsx')),
  },
  {
    path: '/standards/plans/:id',
    title: '整顿方案',
    hideInMenu: true,
    parent: '/standards',
    permission: 'standards.read',
    component: lazy(() => import('../features/standards/PlanPage.tsx')),
  },
  {
    path: '/windows',
    title: '服务窗口',
    group: 'style',
    icon: <ShopOutlined />,
    permission: 'window.read',
    component: lazy(() => import('../features/windows/WindowsPage.tsx')),
  },
  {
    path: '/windows/:id/poster',
    title: '评价海报',
    hideInMenu: true,
    parent: '/windows',
    permission: 'window.read',
    component: lazy(() => import('../features/windows/PosterPage.tsx')),
  },
  {
    path: '/rating-cases',
    title: '差评工单',
    group: 'style',
    icon: <AlertOutlined />,
    permission: 'window.read',
    component: lazy(() => import('../features/windows/CasesPage.tsx')),
  },
  {
    path: '/rating-cases/:id',
    title: '工单详情',
    hideInMenu: true,
    parent: '/rating-cases',
    permission: 'window.read',
    component: lazy(() => import('../features/windows/CaseDetailPage.tsx')),
  },
  {
    path: '/windows/stats',
    title: '统计与排名',
    group: 'style',
    icon: <BarChartOutlined />,
    permission: 'window.read',
    component: lazy(() => import('../features/windows/StatsPage.tsx')),
  },
  {
    path: '/inspections',
    title: '暗访报告',
    group: 'style',
    icon: <EyeOutlined />,
    permission: 'window.inspect',
    component: lazy(() => import('../features/windows/InspectionsPage.tsx')),
  },
  {
    path: '/users',
    title: '账号管理',
    group: 'system',
    icon: <UserOutlined />,
    permission: 'user.read',
    component: lazy(() => import('../features/users/UsersPage.tsx')),
  },
];

/** The route a location belongs to: exact match first, then the longest `/prefix/` match. */
export function routeOf(pathname: string): AppRoute | undefined {
  const exact = routes.find((r) => r.path === pathname);
  if (exact) return exact;
  return routes
    .filter((r) => r.path !== '/' && (pathname.startsWith(`${r.path}/`) || matchParams(r.path, pathname)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

function matchParams(pattern: string, pathname: string) {
  if (!pattern.includes(':')) return false;
  const a = pattern.split('/'),
    b = pathname.split('/');
  return a.length === b.length && a.every((s, i) => s.startsWith(':') || s === b[i]);
}
