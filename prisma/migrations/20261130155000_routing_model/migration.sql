-- CreateTable
CREATE TABLE "RoutingModelVersion" (
    "version" INTEGER NOT NULL,
    "trainedAt" TIMESTAMP(3) NOT NULL,
    "examples" INTEGER NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "heldOut" INTEGER NOT NULL,
    "accuracy" DOUBLE PRECISION NOT NULL,
    "ruleAccuracy" DOUBLE PRECISION,
    "byConfidence" JSONB NOT NULL,
    "model" JSONB NOT NULL,

    CONSTRAINT "RoutingModelVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "RoutingModelSetting" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "autoAssign" BOOLEAN NOT NULL DEFAULT false,
    "threshold" DOUBLE PRECISION NOT NULL DEFAULT 0.95,
    "updatedById" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoutingModelSetting_pkey" PRIMARY KEY ("id")
);

-- One settings row, and a threshold an administrator cannot set to something meaningless.
ALTER TABLE "RoutingModelSetting" ADD CONSTRAINT "RoutingModelSetting_single_row" CHECK ("id" = 1);
ALTER TABLE "RoutingModelSetting" ADD CONSTRAINT "RoutingModelSetting_threshold_range" CHECK ("threshold" >= 0.5 AND "threshold" <= 1);
