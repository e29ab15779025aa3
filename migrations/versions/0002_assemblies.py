"""Assemblies, attendance, proxies, motions, objections; votes, participation and secret ballots.

Revision ID: 0002_assemblies
Revises: 0001_foundation
Create Date: 2026-11-25 00:43:49.262480
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002_assemblies'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.Enum('yes_no', 'ranked', name='votekind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('method', sa.Enum('roll_call', 'secret', 'show_of_hands', 'consent', name='votemethod', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('status', sa.Enum('open', 'closed', name='votestatus', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('rule', sa.String(length=40), nullable=False),
    sa.Column('tie_rule', sa.String(length=20), nullable=False),
    sa.Column('article', sa.String(length=200), nullable=True),
    sa.Column('quorum_present', sa.Integer(), nullable=False),
    sa.Column('quorum_proxies', sa.Integer(), nullable=False),
    sa.Column('quorum_proxies_counted', sa.Boolean(), nullable=False),
    sa.Column('quorum_required', sa.Integer(), nullable=False),
    sa.Column('quorum_met', sa.Boolean(), nullable=False),
    sa.Column('quorum_at_second_call', sa.Boolean(), nullable=False),
    sa.Column('quorum_statement', sa.Text(), nullable=False),
    sa.Column('active_members', sa.Integer(), nullable=False),
    sa.Column('hand_yes', sa.Integer(), nullable=True),
    sa.Column('hand_no', sa.Integer(), nullable=True),
    sa.Column('hand_abstain', sa.Integer(), nullable=True),
    sa.Column('hand_counted_by', sa.String(length=300), nullable=True),
    sa.Column('yes_count', sa.Integer(), nullable=True),
    sa.Column('no_count', sa.Integer(), nullable=True),
    sa.Column('abstain_count', sa.Integer(), nullable=True),
    sa.Column('adopted', sa.Boolean(), nullable=True),
    sa.Column('required', sa.Integer(), nullable=True),
    sa.Column('basis', sa.String(length=20), nullable=True),
    sa.Column('basis_count', sa.Integer(), nullable=True),
    sa.Column('casting_vote', sa.String(length=10), nullable=True),
    sa.Column('explanation', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_votes'))
    )
    op.create_table('assemblies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('ordinary', 'extraordinary', name='assemblykind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('called_for', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('chair_id', sa.Integer(), nullable=False),
    sa.Column('secretary_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('open', 'closed', name='assemblystatus', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('second_call_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('minutes_status', sa.Enum('draft', 'approved', name='minutesstatus', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('minutes_snapshot', sa.Text(), nullable=True),
    sa.Column('minutes_hash', sa.String(length=64), nullable=True),
    sa.Column('minutes_approved_at', sa.DateTime(), nullable=True),
    sa.Column('minutes_approved_by_motion', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['chair_id'], ['members.id'], name=op.f('fk_assemblies_chair_id_members')),
    sa.ForeignKeyConstraint(['secretary_id'], ['members.id'], name=op.f('fk_assemblies_secretary_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assemblies'))
    )
    op.create_table('secret_ballots',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('choice', sa.Enum('yes', 'no', 'abstain', name='choice', native_enum=False, create_constraint=True, length=10), nullable=True),
    sa.Column('ranking', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], name=op.f('fk_secret_ballots_vote_id_votes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_secret_ballots')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('secret_ballots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_secret_ballots_vote_id'), ['vote_id'], unique=False)

    op.create_table('vote_participation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('represented_member_id', sa.Integer(), nullable=False),
    sa.Column('cast_by_member_id', sa.Integer(), nullable=False),
    sa.Column('choice', sa.Enum('yes', 'no', 'abstain', name='choice', native_enum=False, create_constraint=True, length=10), nullable=True),
    sa.ForeignKeyConstraint(['cast_by_member_id'], ['members.id'], name=op.f('fk_vote_participation_cast_by_member_id_members')),
    sa.ForeignKeyConstraint(['represented_member_id'], ['members.id'], name=op.f('fk_vote_participation_represented_member_id_members')),
    sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], name=op.f('fk_vote_participation_vote_id_votes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vote_participation')),
    sa.UniqueConstraint('vote_id', 'represented_member_id', name=op.f('uq_vote_participation_vote_id_represented_member_id'))
    )
    with op.batch_alter_table('vote_participation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vote_participation_vote_id'), ['vote_id'], unique=False)

    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assembly_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('arrived_at', sa.DateTime(), nullable=False),
    sa.Column('left_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['assembly_id'], ['assemblies.id'], name=op.f('fk_attendance_assembly_id_assemblies')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_attendance_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_assembly_id'), ['assembly_id'], unique=False)
        batch_op.create_index('uq_attendance_present', ['assembly_id', 'member_id'], unique=True, sqlite_where=sa.text('left_at IS NULL'), postgresql_where=sa.text('left_at IS NULL'))

    op.create_table('motions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assembly_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('final_text', sa.Text(), nullable=False),
    sa.Column('proposer_id', sa.Integer(), nullable=False),
    sa.Column('seconder_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('proposed', 'seconded', 'postponed', 'voting', 'adopted', 'rejected', 'withdrawn', name='motionstatus', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('status_before_postponing', sa.Enum('proposed', 'seconded', 'postponed', 'voting', 'adopted', 'rejected', 'withdrawn', name='status_before_postponing', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('vote_id', sa.Integer(), nullable=True),
    sa.Column('minutes_of_assembly_id', sa.Integer(), nullable=True),
    sa.Column('proposed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assembly_id'], ['assemblies.id'], name=op.f('fk_motions_assembly_id_assemblies')),
    sa.ForeignKeyConstraint(['minutes_of_assembly_id'], ['assemblies.id'], name=op.f('fk_motions_minutes_of_assembly_id_assemblies')),
    sa.ForeignKeyConstraint(['parent_id'], ['motions.id'], name=op.f('fk_motions_parent_id_motions')),
    sa.ForeignKeyConstraint(['proposer_id'], ['members.id'], name=op.f('fk_motions_proposer_id_members')),
    sa.ForeignKeyConstraint(['seconder_id'], ['members.id'], name=op.f('fk_motions_seconder_id_members')),
    sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], name=op.f('fk_motions_vote_id_votes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_motions'))
    )
    with op.batch_alter_table('motions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_motions_assembly_id'), ['assembly_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_motions_parent_id'), ['parent_id'], unique=False)

    op.create_table('proxies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assembly_id', sa.Integer(), nullable=False),
    sa.Column('giver_id', sa.Integer(), nullable=False),
    sa.Column('holder_id', sa.Integer(), nullable=False),
    sa.Column('document', sa.String(length=300), nullable=True),
    sa.Column('granted_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_reason', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['assembly_id'], ['assemblies.id'], name=op.f('fk_proxies_assembly_id_assemblies')),
    sa.ForeignKeyConstraint(['giver_id'], ['members.id'], name=op.f('fk_proxies_giver_id_members')),
    sa.ForeignKeyConstraint(['holder_id'], ['members.id'], name=op.f('fk_proxies_holder_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proxies'))
    )
    with op.batch_alter_table('proxies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proxies_assembly_id'), ['assembly_id'], unique=False)
        batch_op.create_index('uq_proxies_in_force', ['assembly_id', 'giver_id'], unique=True, sqlite_where=sa.text('revoked_at IS NULL'), postgresql_where=sa.text('revoked_at IS NULL'))

    op.create_table('objections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('motion_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('open', 'resolved', 'withdrawn', name='objectionstatus', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.Column('raised_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_objections_member_id_members')),
    sa.ForeignKeyConstraint(['motion_id'], ['motions.id'], name=op.f('fk_objections_motion_id_motions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_objections'))
    )
    with op.batch_alter_table('objections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_objections_motion_id'), ['motion_id'], unique=False)

    


def downgrade() -> None:
    
    with op.batch_alter_table('objections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_objections_motion_id'))

    op.drop_table('objections')
    with op.batch_alter_table('proxies', schema=None) as batch_op:
        batch_op.drop_index('uq_proxies_in_force', sqlite_where=sa.text('revoked_at IS NULL'), postgresql_where=sa.text('revoked_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_proxies_assembly_id'))

    op.drop_table('proxies')
    with op.batch_alter_table('motions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_motions_parent_id'))
        batch_op.drop_index(batch_op.f('ix_motions_assembly_id'))

    op.drop_table('motions')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index('uq_attendance_present', sqlite_where=sa.text('left_at IS NULL'), postgresql_where=sa.text('left_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_attendance_assembly_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('vote_participation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vote_participation_vote_id'))

    op.drop_table('vote_participation')
    with op.batch_alter_table('secret_ballots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_secret_ballots_vote_id'))

    op.drop_table('secret_ballots')
    op.drop_table('assemblies')
    op.drop_table('votes')
    
