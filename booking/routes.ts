import type { Router } from 'express';
import { principalOf } from '../api/auth';
import { route } from '../api/errors';
import type { PrismaClient } from '../db/database';
import type { UseCaseDeps } from '../platform/useCase';
import { cancel, cancelInput, offerTimes, offerTimesInput, openConversation, openConversationInput, rescheduleConversation, rescheduleInput } from './useCases';

/** The booking use cases over REST (the dashboard and scripts; Teams cards call the same use cases). */
async function summary(prisma: PrismaClient, id: string) {
  const c = await prisma.structuredConversation.findUniqueOrThrow({
    where: { id },
    include: { bookingOffers: { include: { slots: { orderBy: { position: 'asc' } } }, orderBy: { createdAt: 'asc' } } },
  });
  return {
    id: c.id,
    pupilId: c.pupilId,
    kind: c.kind,
    status: c.status,
    dueBy: c.dueBy.toISOString().slice(0, 10),
    scheduledAt: c.scheduledAt,
    offers: c.bookingOffers.map((o) => ({
      id: o.id,
      contactId: o.contactId,
      status: o.status,
      respondedAt: o.respondedAt,
      slots: o.slots.map((s) => ({ position: s.position, startsAt: s.startsAt, chosen: s.chosen })),
    })),
  };
}

const withId = (body: unknown, id: unknown) => ({ ...(body && typeof body === 'object' ? body : {}), conversationId: id });

export function bookingRoutes(api: Router, d: UseCaseDeps): void {
  api.post(
    '/conversations',
    route(async (req, res) => {
      const created = await openConversation(d, principalOf(req), openConversationInput.parse(req.body ?? {}));
      res.status(201).json(await summary(d.prisma, created.id));
    }),
  );

  api.post(
    '/conversations/:id/offers',
    route(async (req, res) => {
      const input = offerTimesInput.parse(withId(req.body, req.params.id));
      await offerTimes(d, principalOf(req), input);
      res.status(201).json(await summary(d.prisma, input.conversationId));
    }),
  );

  api.post(
    '/conversations/:id/reschedule',
    route(async (req, res) => {
      const input = rescheduleInput.parse(withId(req.body, req.params.id));
      await rescheduleConversation(d, principalOf(req), input);
      res.json(await summary(d.prisma, input.conversationId));
    }),
  );

  api.post(
    '/conversations/:id/cancel',
    route(async (req, res) => {
      const input = cancelInput.parse(withId(req.body, req.params.id));
      await cancel(d, principalOf(req), input);
      res.json(await summary(d.prisma, input.conversationId));
    }),
  );
}
