-- The database floor of process-notifications: one pgbench transaction is one batch, the job's claim statement
-- followed by its completion statement, with no HTTP in between. Run by benchmarks/run.sh as
--   pgbench -n -c 1 -D batch_size=200 -f benchmarks/sql/notifications-floor.sql -t <batches> "$DATABASE_URL"
-- (default simple protocol: pgbench pastes :variables into the text before sending it).
--
-- 1. Claim: the statement of jobs/ProcessNotifications/ProcessNotificationsClaim.swift (NotificationClaim.query), copied verbatim with
--    \(now) = now(), \(leaseUntil) = now() + the default lease (PROCESS_NOTIFICATIONS_LEASE = 2m) and
--    \(limit) = :batch_size (PROCESS_NOTIFICATIONS_BATCH_SIZE = 200). Its final SELECT (the rows the job decodes)
--    becomes the CTE `batch`, because a data-modifying WITH must stay at the top level; the aggregate below reads
--    every column the job decodes (so the planner keeps the users join and the payload rewrite) and hands the
--    claimed ids and attempts to the completion as comma lists (\gset).
WITH claimed AS (
    UPDATE notifications n
       SET status = 'sending', attempts = n.attempts + 1, lease_expires_at = now() + interval '2 minutes',
           next_attempt_at = now() + interval '2 minutes', updated_at = now()
     WHERE n.id = ANY (ARRAY(
               SELECT d.id FROM notifications d
                WHERE d.status IN ('queued', 'sending') AND d.next_attempt_at <= now()
                ORDER BY d.next_attempt_at, d.id
                LIMIT :batch_size
                  FOR UPDATE SKIP LOCKED))
       AND n.status IN ('queued', 'sending') AND n.next_attempt_at <= now()
    RETURNING n.id, n.user_id, n.recipient, n.channel, n.template, n.payload, n.attempts
),
batch AS (
SELECT c.id, c.attempts, c.channel, c.template,
       COALESCE(c.recipient, CASE c.channel WHEN 'email' THEN u.email ELSE u.push_token END) AS address,
       COALESCE((SELECT jsonb_object_agg(p.key, CASE jsonb_typeof(p.value) WHEN 'string' THEN p.value #>> '{}'
                                                                     ELSE p.value::text END)
                   FROM jsonb_each(c.payload) p), '{}'::jsonb)::text AS data
  FROM claimed c
  LEFT JOIN users u ON u.id = c.user_id
 ORDER BY c.id
)
SELECT count(*) AS claimed_n,
       COALESCE(string_agg(id::text, ',' ORDER BY id), 'NULL') AS claimed_ids,
       COALESCE(string_agg(attempts::text, ',' ORDER BY id), 'NULL') AS claimed_attempts,
       COALESCE(sum(octet_length(channel) + octet_length(template) + COALESCE(octet_length(address), 0)
                    + octet_length(data)), 0) AS claimed_bytes
  FROM batch
\gset

-- 2. Completion: the statement of jobs/ProcessNotifications/ProcessNotificationsCompletion.swift (NotificationCompletion.run), copied
--    verbatim with \(now) = now() and the six parameter arrays built from the claim: every row `sent`, no next
--    attempt, no error, a provider message id per row (the job sorts the outcomes by id, as string_agg did).
WITH done AS (
    UPDATE notifications n
       SET status = o.status,
           sent_at = CASE WHEN o.status = 'sent' THEN now() END,
           provider_message_id = COALESCE(o.message_id, n.provider_message_id),
           last_error = CASE WHEN o.status = 'sent' THEN NULL ELSE o.last_error END,
           next_attempt_at = COALESCE(o.next_attempt_at, now()),
           lease_expires_at = NULL,
           updated_at = now()
      FROM unnest(ARRAY[:claimed_ids]::bigint[], ARRAY[:claimed_attempts]::bigint[],
                  array_fill('sent'::text, ARRAY[:claimed_n])::text[],
                  array_fill(NULL::timestamptz, ARRAY[:claimed_n])::timestamptz[],
                  array_fill(NULL::text, ARRAY[:claimed_n])::text[],
                  ARRAY(SELECT 'msg_' || i FROM unnest(ARRAY[:claimed_ids]::bigint[]) i)::text[])
           AS o(id, attempt, status, next_attempt_at, last_error, message_id)
     WHERE n.id = o.id AND n.status = 'sending' AND n.attempts = o.attempt
    RETURNING o.status
)
SELECT status, count(*)::bigint AS n FROM done GROUP BY status;
