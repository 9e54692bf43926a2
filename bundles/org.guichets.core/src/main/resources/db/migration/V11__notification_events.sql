-- What happened to candidatures and deliverables that someone is to be told of, written in the
-- transaction that made it happen and consumed (deleted) by the notifier as it queues the webhook
-- deliveries and mails: nothing is lost between the change and the telling.
CREATE TABLE notification_event (
    id BIGINT PRIMARY KEY,
    kind VARCHAR(20) NOT NULL,
    event_type VARCHAR(40) NOT NULL,
    subject VARCHAR(100) NOT NULL,
    payload VARCHAR(10000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
