import type { Router } from 'express';
import { callerOf, principalOf } from '../api/auth';
import { route } from '../api/errors';
import type { SchoolDeps } from '../settings/useCases';
import {
  adoptDefaults,
  adoptSchema,
  changeOrganisation,
  createOrganisation,
  defaultsOffered,
  defaultsSchema,
  listOrganisations,
  memberSchema,
  newOrganisationSchema,
  organisationChangeSchema,
  readDefaults,
  saveMember,
  schoolOrganisationsSchema,
  setDefaults,
  setSchoolOrganisations,
} from './useCases';

/**
 * Trusts and local authorities over REST: `GET/POST /api/organisations`, `PATCH /api/organisations/:id`
 * (the baseline date), `POST /api/organisations/:id/members`, `GET/PUT /api/organisations/:id/defaults`;
 * on a school, `PUT /api/schools/:id/organisations` (joining, leaving) and, for its admins and SENCO,
 * `GET /api/schools/:id/organisation-defaults` and `POST /api/schools/:id/adopt-defaults`.
 */
export function organisationRoutes(api: Router, d: SchoolDeps): void {
  api.get(
    '/organisations',
    route(async (req, res) => {
      res.json({ organisations: await listOrganisations(d.prisma, callerOf(req)) });
    }),
  );
  api.post(
    '/organisations',
    route(async (req, res) => {
      res.status(201).json(await createOrganisation(d, callerOf(req), newOrganisationSchema.parse(req.body)));
    }),
  );
  api.patch(
    '/organisations/:id',
    route(async (req, res) => {
      res.json(await changeOrganisation(d, callerOf(req), String(req.params.id), organisationChangeSchema.parse(req.body)));
    }),
  );
  api.post(
    '/organisations/:id/members',
    route(async (req, res) => {
      res.status(201).json(await saveMember(d, callerOf(req), String(req.params.id), memberSchema.parse(req.body)));
    }),
  );
  api.get(
    '/organisations/:id/defaults',
    route(async (req, res) => {
      res.json(await readDefaults(d.prisma, callerOf(req), String(req.params.id)));
    }),
  );
  api.put(
    '/organisations/:id/defaults',
    route(async (req, res) => {
      res.json(await setDefaults(d, callerOf(req), String(req.params.id), defaultsSchema.parse(req.body)));
    }),
  );
  api.put(
    '/schools/:id/organisations',
    route(async (req, res) => {
      res.json(await setSchoolOrganisations(d, principalOf(req), String(req.params.id), schoolOrganisationsSchema.parse(req.body)));
    }),
  );
  api.get(
    '/schools/:id/organisation-defaults',
    route(async (req, res) => {
      res.json({ offered: await defaultsOffered(d.prisma, principalOf(req), String(req.params.id)) });
    }),
  );
  api.post(
    '/schools/:id/adopt-defaults',
    route(async (req, res) => {
      res.json(await adoptDefaults(d, principalOf(req), String(req.params.id), adoptSchema.parse(req.body)));
    }),
  );
}
