#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| recoupe_fuzz::store_claims(data));
