CREATE TABLE `latest_results` (
	`cluster_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`run_id` integer NOT NULL,
	`check_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`status` integer NOT NULL,
	`message_id` integer,
	`hint_id` integer,
	PRIMARY KEY(`cluster_id`, `seq`)
);
--> statement-breakpoint
INSERT INTO `latest_results` (`cluster_id`, `seq`, `run_id`, `check_id`, `subject_id`, `status`, `message_id`, `hint_id`)
SELECT c.`id`, cr.`seq`, cr.`run_id`, cr.`check_id`, cr.`subject_id`, cr.`status`, cr.`message_id`, cr.`hint_id`
FROM `clusters` c JOIN `check_results` cr ON cr.`run_id` = c.`last_run_id`;
