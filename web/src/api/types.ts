import type { Permission, Role } from '../../../common/enums.ts';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scopeOrgId: number;
  memberId: number | null;
  mustChangePassword: boolean;
}
export interface Me {
  user: User;
  scope: { id: number; name: string; code: string };
  permissions: Permission[];
  csrfToken: string;
}
export interface Page<T> {
  items: T[];
  total: number;
}

export interface OrgNode {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  type: string;
  status: string;
  parentId: number | null;
  sortOrder: number;
  children: OrgNode[];
}
export interface OrgDetail {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  type: string;
  status: string;
  parentId: number | null;
  depth: number;
  sortOrder: number;
  secretaryMemberId: number | null;
  parent: { id: number; name: string; code: string } | null;
  secretary: { id: number; name: string } | null;
  counts: { children: number; descendants: number; members: number; directMembers: number };
  createdAt: string;
  updatedAt: string;
}
export interface OrgHistory {
  id: number;
  action: string;
  detail: string;
  at: string;
  actor: string | null;
}

export interface Member {
  id: number;
  name: string;
  gender: string | null;
  ethnicity: string | null;
  birthDate: string | null;
  idNumber: string;
  phone: string | null;
  education: string | null;
  orgId: number;
  orgName?: string;
  orgCode?: string;
  joinDate: string | null;
  fullDate: string | null;
  memberType: string;
  category: string;
  status: string;
  initials: string;
}
export interface MemberFull extends Member {
  transfers: {
    id: number;
    status: string;
    created_at: string;
    updated_at: string;
    from_name: string;
    to_name: string;
  }[];
}

export interface Transfer {
  id: number;
  status: string;
  statusLabel: string;
  reason: string | null;
  from: { id: number; name: string };
  to: { id: number; name: string };
  approver: { id: number; name: string };
  member: {
    id?: number;
    name: string;
    gender?: string;
    memberType?: string;
    joinDate?: string;
    idNumber?: string;
    phone?: string;
  };
  mySides: ('out' | 'in' | 'approver')[];
  createdAt: string;
  updatedAt: string;
  steps: { step: string; opinion: string | null; at: string; actor: string }[];
}

export interface AppUserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  scopeOrgId: number;
  scopeOrgName: string;
  memberId: number | null;
  mustChangePassword: boolean;
  locked: boolean;
  disabled: boolean;
  createdAt: string;
}

export interface ImportJob {
  id: string | number;
  kind: 'orgs' | 'members';
  status: 'validating' | 'importing' | 'done' | 'failed';
  total: number;
  processed: number;
  imported: number;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
  message?: string;
}
