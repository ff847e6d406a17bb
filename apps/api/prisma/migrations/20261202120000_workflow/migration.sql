-- The workflow leaves the screen: accounts managed by the province (first sign-in password change, disabled
-- accounts), an inbox per user, round deadlines with per-unit extensions and a late policy, signed decision scans.
ALTER TABLE "User" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "disabledAt" TIMESTAMP(3);

CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "entityType" TEXT,
    "entityId" TEXT,
    "dedupeKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),
    "emailedAt" TIMESTAMP(3),
    "emailError" TEXT,
    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Round" ADD COLUMN "registerDueAt" DATE;
ALTER TABLE "Round" ADD COLUMN "latePolicy" TEXT NOT NULL DEFAULT 'FLAG';
ALTER TABLE "Round" ADD COLUMN "closedAt" TIMESTAMP(3);

ALTER TABLE "Assessment" ADD COLUMN "submittedLate" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "DeadlineExtension" (
    "id" TEXT NOT NULL,
    "assessmentId" TEXT NOT NULL,
    "dueAt" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "grantedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeadlineExtension_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "DeadlineExtension_assessmentId_createdAt_idx" ON "DeadlineExtension"("assessmentId", "createdAt");
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "DecisionScan" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "decisionNumber" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DecisionScan_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DecisionScan_roundId_decisionNumber_key" ON "DecisionScan"("roundId", "decisionNumber");
ALTER TABLE "DecisionScan" ADD CONSTRAINT "DecisionScan_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
