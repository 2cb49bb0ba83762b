// Package main is an application that keeps its data model in tracker.er.
package main

//go:generate go tool ergen generate tracker.er --sql schema.sql --go trackerdb --package trackerdb
