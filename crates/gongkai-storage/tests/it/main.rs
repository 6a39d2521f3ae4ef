//! The storage conformance suite (`gongkai_storage::conformance`) run against SQLite (always)
//! and PostgreSQL (feature `postgres-tests`, which `.ci/run` enables; the tests then fail if the
//! server at `GONGKAI_TEST_POSTGRES` is unreachable).

macro_rules! backend {
    ($backend:ident, $ctor:expr, [$($test:ident),* $(,)?]) => {
        mod $backend {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    gongkai_storage::conformance::$test($ctor.await).await;
                }
            )*
        }
    };
}

macro_rules! suite {
    ($backend:ident, $ctor:expr) => {
        backend!(
            $backend,
            $ctor,
            [
                migrations_apply_again_on_an_already_migrated_database,
                agencies_form_a_tree_that_scopes_follow,
                agency_codes_are_unique_and_parents_must_exist,
                a_stale_edit_is_refused,
                accounts_are_created_found_for_login_and_unique,
                no_query_leaks_across_agencies,
                sessions_round_trip_and_expire,
                throttle_allows_the_free_tries_then_asks_to_wait,
                throttle_is_atomic_under_parallel_attempts,
                tokens_expire_are_listed_and_revoked,
                disabling_or_a_new_password_ends_sessions,
                agency_names_are_unique_under_one_parent,
                bootstrap_creates_the_first_admin_once,
                audit_chain_verifies_when_untouched_and_records_before_and_after,
                audit_verify_names_an_edited_row,
                audit_verify_names_a_deleted_row_and_a_deleted_tail,
                concurrent_changes_keep_one_unbroken_chain,
                audit_verify_catches_an_edit_whose_hashes_were_recomputed,
                audit_verify_catches_a_tail_deleted_with_its_head_rolled_back,
                audit_verify_catches_a_deleted_agency_and_a_forged_checkpoint,
                an_unkeyed_chain_is_sealed_once_and_a_foreign_one_refused,
                applications_are_numbered_per_year_and_logged,
                a_resubmitted_form_is_stored_once_and_repeats_are_marked,
                repeats_are_found_by_the_digest_the_migration_fills,
                a_step_is_saved_with_its_events_and_a_stale_one_refused,
                attachments_letters_and_serials_are_kept_per_agency,
                the_list_filters_and_counts_give_the_domains_table_three,
                an_online_submission_claims_its_challenge_once_and_counts_its_address,
                concurrent_online_submissions_are_each_filed_or_refused_alone,
                submissions_filed_together_are_each_decided_as_if_alone,
                a_proceeding_is_registered_with_its_events_and_linked_only_to_its_agencys_cases,
                a_proceeding_step_is_saved_with_its_events_and_a_stale_one_refused,
                a_repeated_key_registers_one_proceeding,
                the_register_filters_and_cells_select_what_the_domains_table_four_counts,
                documents_are_numbered_per_agency_and_year_and_logged,
                a_document_step_is_saved_with_its_events_and_a_stale_one_refused,
                only_reviewed_and_approved_versions_are_public,
                a_row_marked_public_by_hand_is_still_not_shown,
                public_filters_and_the_change_log_follow_the_registry,
                the_registry_stays_inside_its_agency,
                each_agency_edits_its_own_classification,
                the_interpretation_column_is_filled_from_the_records,
                a_report_goes_through_its_steps_and_a_published_one_never_changes,
                a_year_is_read_across_a_subtree_and_stays_inside_it,
                a_published_year_is_locked_until_a_correction_is_under_way,
                concurrent_claimers_get_each_notification_key_once,
                reminder_claims_stay_inside_their_agency,
            ]
        );
    };
}

suite!(sqlite, gongkai_storage::testing::TestDb::sqlite());
#[cfg(feature = "postgres-tests")]
suite!(postgres, gongkai_storage::testing::TestDb::postgres());
