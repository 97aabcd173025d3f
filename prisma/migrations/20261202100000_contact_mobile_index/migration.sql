-- CreateIndex
CREATE INDEX "Contact_mobile_idx" ON "Contact"("mobile");
