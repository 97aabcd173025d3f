import type { Router } from 'express';
import { callerOf, principalOf } from '../api/auth';
import { route } from '../api/errors';
import {
  administered,
  calendarSchema,
  changeSettings,
  createSchool,
  listSchools,
  newSchoolSchema,
  progressRhythmSchema,
  readSchoolCalendar,
  readSettings,
  replanInFull,
  setParentRhythm,
  setSchoolCalendar,
  settingsSchema,
  type SchoolDeps,
} from './useCases';

/**
 * The schools a deployment serves and how each runs: `GET/POST /api/schools`,
 * `GET/PATCH /api/schools/:id/settings`, `GET/PUT /api/schools/:id/calendar`, a full re-plan on
 * request `POST /api/schools/:id/replan`, and a parent's rhythm `PUT /api/contacts/:id/progress-updates`.
 */
export function schoolRoutes(api: Router, d: SchoolDeps): void {
  api.get(
    '/schools',
    route(async (req, res) => {
      // A trust or local authority lists its own schools here too (names only).
      res.json({ schools: await listSchools(d.prisma, callerOf(req)) });
    }),
  );
  api.post(
    '/schools',
    route(async (req, res) => {
      res.status(201).json(await createSchool(d, principalOf(req), newSchoolSchema.parse(req.body)));
    }),
  );
  api.get(
    '/schools/:id/settings',
    route(async (req, res) => {
      res.json(await readSettings(d.prisma, principalOf(req), String(req.params.id)));
    }),
  );
  api.patch(
    '/schools/:id/settings',
    route(async (req, res) => {
      const by = principalOf(req);
      const schoolId = String(req.params.id);
      await administered(d.prisma, by, schoolId);
      res.json(await changeSettings(d, by, schoolId, settingsSchema.parse(req.body)));
    }),
  );
  api.get(
    '/schools/:id/calendar',
    route(async (req, res) => {
      res.json(await readSchoolCalendar(d.prisma, principalOf(req), String(req.params.id)));
    }),
  );
  api.put(
    '/schools/:id/calendar',
    route(async (req, res) => {
      const by = principalOf(req);
      const schoolId = String(req.params.id);
      await administered(d.prisma, by, schoolId);
      res.json(await setSchoolCalendar(d, by, schoolId, calendarSchema.parse(req.body)));
    }),
  );
  api.post(
    '/schools/:id/replan',
    route(async (req, res) => {
      res.json(await replanInFull(d, principalOf(req), String(req.params.id)));
    }),
  );
  api.put(
    '/contacts/:id/progress-updates',
    route(async (req, res) => {
      const { everyWeeks } = progressRhythmSchema.parse(req.body);
      res.json(await setParentRhythm(d, principalOf(req), String(req.params.id), everyWeeks));
    }),
  );
}
