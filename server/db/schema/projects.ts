/** 重点项目 investment per month (migration 202612050200_projects). */
export interface ProjectInvestmentTable {
  task_id: number;
  /** `YYYY-MM` */
  period: string;
  /** 万元; null = no plan for the month. */
  planned: number | null;
  /** 万元 reported by the lead unit; null = not reported. */
  completed: number | null;
  note: string | null;
  reported_by: number | null;
  reported_at: string | null;
  /** 1 when reported by the month's deadline, 0 when late (after an unlock). */
  on_time: number | null;
}

export interface ProjectsDB {
  project_investment: ProjectInvestmentTable;
}
