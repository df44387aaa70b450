import { createRoute, z } from '@hono/zod-openapi';
import { isoWeekOf } from '../../core/analysis/iso-week.ts';
import { weeklyReportSchema } from '../../core/analysis/mesh-types.ts';
import { reportForWeek } from '../../core/history/weekly.ts';
import { type ApiDeps, subApp } from '../deps.ts';
import { errorResponses } from '../openapi-responses.ts';
import { renderWeekly } from '../weekly-format.ts';

export const weeklyReportRoute = createRoute({
  method: 'get',
  path: '/reports/weekly',
  tags: ['reports'],
  summary:
    'The weekly regression report of an ISO week (default: the current week) as JSON, Markdown or HTML; ' +
    'a past week answers with its stored report when the Monday job stored one',
  request: {
    query: z
      .object({
        week: z
          .string()
          .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'expected an ISO week like 2026-W47')
          .optional()
          .openapi({ example: '2026-W47' }),
        format: z.enum(['json', 'md', 'html']).default('json'),
      })
      .strict(),
  },
  responses: {
    200: {
      description: 'The report',
      content: {
        'application/json': { schema: weeklyReportSchema },
        'text/markdown': { schema: z.string() },
        'text/html': { schema: z.string() },
      },
    },
    ...errorResponses(),
  },
});

/** `GET /reports/weekly`. */
export function reportRoutes({ store, now }: ApiDeps) {
  return subApp().openapi(weeklyReportRoute, async (c) => {
    const { week, format } = c.req.valid('query');
    const at = now();
    const asked = week ?? isoWeekOf(at);
    const report = await reportForWeek(store, asked, at);
    if (format === 'json') return c.json(report, 200);
    const body = renderWeekly(report, format);
    const type = format === 'md' ? 'text/markdown; charset=utf-8' : 'text/html; charset=utf-8';
    return c.body(body, 200, { 'content-type': type });
  });
}
